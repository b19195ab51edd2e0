// The REST routes the pages read and drive. Errors carry the ProblemDetails text for the page to show.

import { forget, token } from "./auth.js";

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem;
    }
}

async function request(method, url, body, retried = false) {
    const init = { method, headers: { Accept: "application/json", Authorization: `Bearer ${await token()}` } };
    if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
    }

    const response = await fetch(url, init);
    if (response.status === 401 && !retried) {
        forget();
        return request(method, url, body, true);
    }

    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
        throw new ApiError(response.status, json);
    }

    return json;
}

export const getJson = url => request("GET", url);
export const postJson = (url, body) => request("POST", url, body ?? {});
export const deleteJson = url => request("DELETE", url);

/** Every item of a paged list route, a page at a time (the routes answer at most 200 per page). */
export async function getAll(url, limit = 1000) {
    const items = [];
    const separator = url.includes("?") ? "&" : "?";
    while (items.length < limit) {
        const page = await getJson(`${url}${separator}skip=${items.length}&take=200`);
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) {
            break;
        }
    }

    return items;
}

export function queryParam(name) {
    return new URLSearchParams(location.search).get(name);
}
