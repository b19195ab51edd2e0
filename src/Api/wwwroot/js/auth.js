// The bearer token the pages send with every request and hub connection: the one given in the page's
// address (?token=…), else the one this tab already has, else — where the product runs with development
// tokens switched on — one asked of the development issuer, so the demo needs no sign-in step.

const storageKey = "matching.token";
let pending = null;

function remembered() {
    const fromAddress = new URLSearchParams(location.search).get("token");
    if (fromAddress) {
        sessionStorage.setItem(storageKey, fromAddress);
        return fromAddress;
    }

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
