// Files to and from the API with the page's bearer token: uploads of a spreadsheet as the raw body, downloads of
// generated files, and images as data: addresses (the pages' security policy admits no blob: images).

import { ApiError } from "./api.js";
import { token } from "./auth.js";

const TYPES = {
    csv: "text/csv",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The media type of a chosen file by its extension: browsers often give none for .csv. */
export function spreadsheetType(file) {
    const extension = file.name.split(".").pop().toLowerCase();
    return TYPES[extension] ?? file.type ?? "application/octet-stream";
}

async function send(method, url, body, contentType) {
    const headers = { Authorization: `Bearer ${await token()}`, Accept: "application/json" };
    if (contentType) {
        headers["Content-Type"] = contentType;
    }

    const response = await fetch(url, { method, headers, body });
    if (!response.ok) {
        const text = await response.text();
        throw new ApiError(response.status, text ? JSON.parse(text) : null);
    }

    return response;
}

/** Posts the file as the body; answers the JSON and the HTTP status. */
export async function uploadFile(url, file) {
    const response = await send("POST", url, file, spreadsheetType(file));
    return { status: response.status, body: await response.json() };
}

/** Downloads a generated file under the name the server gives it. */
export async function download(url, fallbackName) {
    const response = await send("GET", url);
    const disposition = response.headers.get("Content-Disposition") ?? "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** An image of the API as a data: address for an <img>. */
export async function imageData(url) {
    const blob = await (await send("GET", url)).blob();
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
    });
}
