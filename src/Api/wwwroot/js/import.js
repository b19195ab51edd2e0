// The import page: upload a county's list (CSV or XLSX), check the preview's field errors, then watch the import
// run in the background through /hubs/import, cancel it, and download the rows that were not imported.

import { postJson } from "./api.js";
import { token } from "./auth.js";
import { showConnection } from "./connection-badge.js";
import { download, uploadFile } from "./files.js";
import { loadLabels, origin, skill } from "./labels.js";

/* global signalR */

const $ = id => document.getElementById(id);
const STATUS = { uploaded: "待导入", running: "导入中", completed: "已完成", cancelled: "已取消" };
let current = null;
let connection = null;
let watched = null;

function say(text, kind = "") {
    $("message").textContent = text;
    $("message").className = `message ${kind}`;
}

function errorsText(errors) {
    return Object.entries(errors).map(([field, messages]) => `${field}：${messages.join(" ")}`).join("；");
}

function renderPreview(answer) {
    const { preview, valid, invalid, import: progress } = answer;
    $("preview-summary").textContent = `共 ${progress.total} 行：可导入 ${valid} 行，有错误 ${invalid} 行（有错误的行不会登记，可在导入后下载修改）。`;
    $("preview-rows").replaceChildren(...preview.map(row => {
        const tr = document.createElement("tr");
        tr.className = row.errors ? "bad" : "ok";
        const v = row.values;
        const skills = (v.skills ?? "").split(/[;|；]/).filter(Boolean).map(s => skill(s.split(/[:：]/).slice(0, 2).join(":"))).join("、");
        const cells = [row.line, v.name ?? "", v.phone ?? "", origin(v.originProvince, v.originPrefecture), skills, v.availableFrom ?? "",
            row.errors ? errorsText(row.errors) : "✓ 通过"];
        tr.replaceChildren(...cells.map(text => {
            const td = document.createElement("td");
            td.textContent = text;
            return td;
        }));
        return tr;
    }));
    $("preview-more").textContent = progress.total > preview.length ? `仅显示前 ${preview.length} 行。` : "";
    $("preview-panel").hidden = false;
}

function renderProgress(progress) {
    if (current && progress.importId === current.importId && progress.version < current.version) {
        return;
    }

    current = progress;
    const percent = progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
    $("progress-fill").style.width = `${percent}%`;
    $("progress-fill").dataset.percent = percent;
    $("progress-text").textContent =
        `已处理 ${progress.done} / ${progress.total} 行（${percent}%） · 新登记 ${progress.created} · 已登记过 ${progress.existing} · 未导入 ${progress.failed} · ${progress.rowsPerSecond} 行/秒`;
    $("status").textContent = STATUS[progress.status] ?? progress.status;
    $("status").dataset.status = progress.status;
    $("start").disabled = progress.status === "running" || progress.status === "completed";
    $("start").textContent = progress.status === "cancelled" ? "继续导入" : "开始导入";
    $("cancel").disabled = progress.status !== "running";
    $("run-panel").hidden = false;
}

async function connect() {
    connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/import", { accessTokenFactory: () => token() })
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.Warning)
        .build();
    connection.on("ImportProgress", renderProgress);
    connection.onreconnecting(() => showConnection($("connection"), { state: "reconnecting", lastSeq: null }));
    connection.onreconnected(async () => {
        showConnection($("connection"), { state: "connected", lastSeq: null });
        if (watched) {
            renderProgress(await connection.invoke("JoinImport", watched));
        }
    });
    showConnection($("connection"), { state: "connecting", lastSeq: null });
    await connection.start();
    showConnection($("connection"), { state: "connected", lastSeq: null });
}

async function watch(importId) {
    if (watched && watched !== importId) {
        await connection.invoke("LeaveImport", watched).catch(() => {});
    }

    watched = importId;
    renderProgress(await connection.invoke("JoinImport", importId));
}

async function upload(file) {
    say(`正在读取 ${file.name}…`);
    current = null;
    try {
        const { status, body } = await uploadFile(`/api/imports?fileName=${encodeURIComponent(file.name)}`, file);
        renderPreview(body);
        renderProgress(body.import);
        await watch(body.import.importId);
        say(status === 201 ? `已读取 ${file.name}，请核对预览后开始导入。` : `该名单此前已上传过（${STATUS[body.import.status]}），不会重复登记。`, "ok");
    } catch (e) {
        const errors = e.problem?.errors ? errorsText(e.problem.errors) : e.message;
        say(`无法读取该文件：${errors}`, "bad");
    }
}

async function act(path) {
    try {
        renderProgress(await postJson(`/api/imports/${encodeURIComponent(current.importId)}/${path}`));
    } catch (e) {
        say(e.message, "bad");
    }
}

async function main() {
    await loadLabels();
    $("file").addEventListener("change", () => $("file").files[0] && upload($("file").files[0]));
    $("start").addEventListener("click", () => act("start"));
    $("cancel").addEventListener("click", () => act("cancel"));
    $("rejected").addEventListener("click", () => download(`/api/imports/${encodeURIComponent(current.importId)}/rejected`, "rejected.csv"));
    $("template-xlsx").addEventListener("click", () => download("/api/imports/template?format=xlsx", "workers-template.xlsx"));
    $("template-csv").addEventListener("click", () => download("/api/imports/template?format=csv", "workers-template.csv"));
    $("template-en").addEventListener("click", () => download("/api/imports/template?format=xlsx&headers=en", "workers-template-en.xlsx"));
    await connect();
}

main();
