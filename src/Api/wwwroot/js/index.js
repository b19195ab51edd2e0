// The start page: links to the live pages, with one per fair and per lodging site.

import { getJson } from "./api.js";

function links(list, items, href, text) {
    if (items.length === 0) {
        const li = document.createElement("li");
        li.className = "muted";
        li.textContent = "暂无";
        list.replaceChildren(li);
        return;
    }

    list.replaceChildren(...items.map(item => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = href(item);
        a.textContent = text(item);
        li.append(a);
        return li;
    }));
}

async function fill(list, url, href, text) {
    try {
        links(list, (await getJson(url)).items, href, text);
    } catch {
        links(list, [], href, text);
    }
}

fill(document.getElementById("fairs"), "/api/fairs?take=20", f => `fair.html?fairId=${encodeURIComponent(f.id)}`, f => `${f.name}（${f.date}）`);
fill(document.getElementById("sites"), "/api/lodging/sites?take=50", s => `lodging.html?siteId=${encodeURIComponent(s.id)}`, s => s.name);
