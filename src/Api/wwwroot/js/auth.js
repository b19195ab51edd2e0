// The bearer token the pages send with every request and hub connection: the one given in the page's
// address (?token=…), else the one this tab already has, else — where the product runs with development
// tokens switched on — one asked of the development issuer, so the demo needs no sign-in step.

const storageKey = "matching.token";
let pending = null;

// A token left in the address stays on a projector's screen, in the history and in bookmarks: it moves into
// the tab's storage and out of the address as soon as the page loads.
const fromAddress = new URLSearchParams(location.search);
if (fromAddress.has("token")) {
    sessionStorage.setItem(storageKey, fromAddress.get("token"));
    fromAddress.delete("token");
    const query = fromAddress.toString();
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

function remembered() {
    return sessionStorage.getItem(storageKey);
}

export async function token() {
    const known = remembered();
    if (known) {
        return known;
    }

    pending ??= fetch("/api/dev/tokens", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ role: "admin", name: "demo" }),
    })
        .then(async response => {
            if (!response.ok) {
                throw new Error(`no token: pass ?token=… in the address (HTTP ${response.status})`);
            }

            const issued = await response.json();
            sessionStorage.setItem(storageKey, issued.token);
            return issued.token;
        })
        .finally(() => { pending = null; });
    return pending;
}

/** Forgets a token the server refused (expired, or signed by a key of an earlier run). */
export function forget() {
    sessionStorage.removeItem(storageKey);
}
