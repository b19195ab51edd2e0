// What a recruiter's console knows of its employer's job orders: ranked candidates, live holds and hires.
// Filled from the hub's snapshot (or REST for an order the snapshot did not cover) and patched by events.

const WITHDRAWN = {
    withdrawn: "退出求职",
    hired: "已被录用",
    unfit: "不再符合条件",
    outranked: "排名被超越",
    orderClosed: "岗位已关闭",
};

/** One shape for a candidate, whether it came from a list (snapshot, REST) or a CandidateFound push. */
function fromList(c) {
    return {
        workerId: c.workerId,
        rank: c.rank,
        score: c.score,
        partner: Boolean(c.partner),
        reasons: c.reasons ?? [],
        name: c.name,
        phone: c.phone,
        originProvince: c.originProvince,
        originPrefecture: c.originPrefecture,
        categories: c.categories ?? [],
        skills: c.skills ?? [],
        needsLodging: Boolean(c.needsLodging),
    };
}

/** A CandidateFound push, or a snapshot's place (the same shape). */
function fromFound(e) {
    const w = e.worker ?? {};
    return {
        workerId: e.workerId,
        rank: e.rank,
        score: e.score,
        partner: e.partner ?? (e.reasons ?? []).some(r => r.code === "partner"),
        reasons: e.reasons ?? [],
        name: w.maskedName,
        phone: w.maskedPhone,
        originProvince: w.originProvince,
        originPrefecture: w.originPrefecture,
        categories: w.categories ?? [],
        skills: w.trades ?? [],
        needsLodging: Boolean(w.needsLodging),
    };
}

function byKey(list, key) {
    return new Map((list ?? []).map(x => [x[key], x]));
}

export class RecruiterModel {
    constructor() {
        this.orders = new Map();
        /** workerId → the masked card last seen, so holds and hires can name a worker who left the list. */
        this.cards = new Map();
        /** Holds that ended (released, expired, hired): a late or repeated report never brings them back. */
        this.ended = new Set();
    }

    order(id) {
        let entry = this.orders.get(id);
        if (!entry) {
            entry = { jobOrder: null, complete: false, candidates: new Map(), holds: new Map(), hires: new Map() };
            this.orders.set(id, entry);
        }

        return entry;
    }

    /**
     * The snapshot carries the employer's first open orders, each with its first places and their reasons as
     * codes: enough for the first screen, never the whole list; `complete` stays false until the order's list
     * is read in full (when it is opened).
     */
    applySnapshot(snapshot) {
        this.orders = new Map();
        for (const o of snapshot.jobOrders ?? []) {
            this.setOrder(o.jobOrder, (o.candidates ?? []).map(fromFound), o.holds, o.hires, false);
        }
    }

    /** Replaces what is known of one order with a REST read of its whole list (`GET …/candidates`). */
    setListed(jobOrder, items, holds, hires) {
        this.setOrder(jobOrder, (items ?? []).map(fromList), holds, hires, true);
    }

    /** Replaces what is known of one order: its figures, its places (in the shape of `fromList`), holds and hires. */
    setOrder(jobOrder, cards, holds, hires, complete) {
        const entry = this.order(jobOrder.id);
        entry.jobOrder = jobOrder;
        entry.complete = complete;
        entry.candidates = new Map(cards.map(c => [c.workerId, c]));
        entry.holds = byKey((holds ?? []).filter(h => !this.ended.has(h.holdId)), "holdId");
        entry.hires = byKey(hires, "holdId");
        for (const c of entry.candidates.values()) {
            this.cards.set(c.workerId, c);
        }
    }

    /** Updates the order's figures from a fresh read without touching its lists. */
    setJobOrder(jobOrder) {
        this.order(jobOrder.id).jobOrder = jobOrder;
    }

    /** Applies a pushed event; answers the order it concerns and a line for the activity log. */
    apply(type, e) {
        const entry = this.order(e.jobOrderId);
        const name = this.nameOf(e.workerId);
        switch (type) {
            case "CandidateFound": {
                const c = fromFound(e);
                entry.candidates.set(c.workerId, c);
                this.cards.set(c.workerId, c);
                return { jobOrderId: e.jobOrderId, note: `新候选人 ${c.name} · ${c.score}分` };
            }
            case "CandidateRankChanged": {
                const c = entry.candidates.get(e.workerId);
                if (c) {
                    Object.assign(c, { score: e.score, rank: e.rank, reasons: e.reasons ?? c.reasons });
                    c.partner = c.reasons.some(r => r.code === "partner");
                }

                return { jobOrderId: e.jobOrderId, note: `${name} 分数 ${e.previousScore} → ${e.score}` };
            }
            case "CandidateWithdrawn":
                entry.candidates.delete(e.workerId);
                return { jobOrderId: e.jobOrderId, note: `${name} 移出候选（${WITHDRAWN[e.reason] ?? e.reason}）` };
            case "HoldChanged":
                if (e.state === "held") {
                    this.held(e.jobOrderId, { holdId: e.holdId, workerId: e.workerId, expiresAt: e.expiresAt, createdAt: e.occurredAt });
                } else {
                    this.ended.add(e.holdId);
                    entry.holds.delete(e.holdId);
                }

                this.setCounts(entry, { openSlots: e.openSlots });
                return {
                    jobOrderId: e.jobOrderId,
                    note: e.state === "held" ? `${name} 已预留` : e.state === "expired" ? `${name} 预留已过期` : `${name} 预留已释放`,
                };
            case "Hired":
                this.hired(e.jobOrderId, { holdId: e.holdId, workerId: e.workerId, hiredAt: e.occurredAt });
                this.setCounts(entry, { openSlots: e.openSlots, hired: e.hires, status: e.filled ? "filled" : undefined });
                return { jobOrderId: e.jobOrderId, note: `${name} 已录用${e.filled ? "，岗位已招满" : ""}` };
            case "EngagementChanged":
                return { jobOrderId: e.jobOrderId, note: e.state === "left" ? `${name} 已离职` : `${name} 实习转正` };
            default:
                return { jobOrderId: e.jobOrderId, note: null };
        }
    }

    /** Fills in the full reasons of a fresh list read for candidates whose score is unchanged; true when any changed. */
    label(jobOrderId, listed) {
        const entry = this.orders.get(jobOrderId);
        let changed = false;
        for (const l of listed ?? []) {
            const c = entry?.candidates.get(l.workerId);
            if (c && c.score === l.score && c.reasons.some(r => !r.label)) {
                c.reasons = l.reasons ?? c.reasons;
                changed = true;
            }
        }

        return changed;
    }

    held(jobOrderId, hold) {
        if (!this.ended.has(hold.holdId)) {
            this.order(jobOrderId).holds.set(hold.holdId, hold);
        }
    }

    hired(jobOrderId, hire) {
        const entry = this.order(jobOrderId);
        this.ended.add(hire.holdId);
        entry.holds.delete(hire.holdId);
        entry.hires.set(hire.holdId, hire);
    }

    released(jobOrderId, holdId) {
        this.ended.add(holdId);
        this.order(jobOrderId).holds.delete(holdId);
    }

    setCounts(entry, counts) {
        if (!entry.jobOrder) {
            return;
        }

        for (const [key, value] of Object.entries(counts)) {
            if (value !== undefined) {
                entry.jobOrder[key] = value;
            }
        }

        entry.jobOrder.held = entry.holds.size;
    }

    nameOf(workerId) {
        return this.cards.get(workerId)?.name ?? workerId;
    }

    /** Best first: score, then the partner tie-break, then the rank the server last gave. */
    ranked(jobOrderId) {
        const entry = this.orders.get(jobOrderId);
        if (!entry) {
            return [];
        }

        return [...entry.candidates.values()].sort((a, b) =>
            b.score - a.score || Number(b.partner) - Number(a.partner) || (a.rank ?? 1e9) - (b.rank ?? 1e9));
    }
}
