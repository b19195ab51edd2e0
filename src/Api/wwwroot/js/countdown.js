// Countdowns of holds to their expiresAt, all refreshed by one timer.

const SOON_MS = 60_000;

function format(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, "0");
    return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** A span that counts down to `expiresAt` (ISO time), e.g. "预留中 14:59", then reads "已到期". */
export function countdown(expiresAt, prefix = "") {
    const span = document.createElement("span");
    span.className = "countdown";
    span.dataset.testid = "countdown";
    span.dataset.expires = expiresAt;
    span.dataset.prefix = prefix;
    update(span, Date.now());
    return span;
}

function update(span, now) {
    const left = Date.parse(span.dataset.expires) - now;
    span.textContent = left > 0 ? `${span.dataset.prefix}${format(left)}` : "已到期";
    span.classList.toggle("expiring", left < SOON_MS);
}

export function tickCountdowns() {
    const now = Date.now();
    for (const span of document.querySelectorAll(".countdown[data-expires]")) {
        update(span, now);
    }
}
