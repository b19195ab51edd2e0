// Chinese labels of the API's codes, read once from /api/reference (the list the server validates against).

import { getJson } from "./api.js";

let vocabulary = { trades: {}, levels: {}, districts: {}, provinces: {}, prefectures: {}, categories: {}, reasons: {} };

export async function loadLabels() {
    try {
        vocabulary = await getJson("/api/reference");
    } catch {
        // Codes are still readable; the page works without labels.
    }
}

const pick = (table, code) => (code && table[code]) || code || "";

export const trade = code => pick(vocabulary.trades, code);
export const level = code => pick(vocabulary.levels, code);
export const district = code => pick(vocabulary.districts, code);
export const province = code => pick(vocabulary.provinces, code);
export const category = code => pick(vocabulary.categories, code);

/** A score reason: its full label when it came from a list, its code's short label when it came in a push. */
export const reason = r => r.label || pick(vocabulary.reasons ?? {}, r.code);

/** A prefecture code: Yunnan's are labelled; other provinces' pass through as sent. */
export const prefecture = code => pick(vocabulary.prefectures, code) || pick(vocabulary.provinces, code);

/** "welder:senior" (a candidate's skill) → "电焊工·高级". */
export function skill(text) {
    const [code, lvl] = String(text).split(":");
    return lvl ? `${trade(code)}·${level(lvl)}` : trade(code);
}

export function origin(provinceCode, prefectureCode) {
    const parts = [province(provinceCode), prefecture(prefectureCode)].filter(Boolean);
    return [...new Set(parts)].join(" · ");
}
