// The report page: pick a report, its grouping and a date range; the figures arrive as a table with totals and
// a chart (Apache ECharts), and the same query exports as CSV or XLSX. The filters stay in the address, so a
// report can be bookmarked or sent to a colleague.

import { ApiError, getAll, getJson } from "./api.js";
import { token } from "./auth.js";

const REPORTS = {
    placements: {
        groupings: { province: "省份", prefecture: "州市", county: "县区", category: "人员类别", trade: "工种", district: "用人单位所在区", keyEnterprise: "重点企业" },
        series: ["hires", "ruralLabour", "povertyAlleviated"],
    },
    interns: {
        groupings: { programme: "合作项目", employer: "用人单位" },
        series: ["interning", "converted", "left"],
        stacked: true,
    },
    lodging: {
        groupings: { site: "客栈", town: "镇" },
        series: ["bedNightsUsed", "bedNightsHeld"],
        stacked: true,
    },
    fairs: {
        groupings: { fair: "招聘会", hour: "时段", province: "省份", prefecture: "州市" },
        series: ["checkIns", "matched", "held", "hired"],
    },
};

const COLORS = ["#c2410c", "#2563eb", "#16a34a", "#f59e0b", "#7c3aed"];
const CHART_ROWS = 20;

const $ = id => document.getElementById(id);
const chart = echarts.init($("chart"));
let shown = null;

const pad = n => String(n).padStart(2, "0");
const isoDate = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Whole numbers with thousands separators; averages with up to two decimals. */
const figure = v => v.toLocaleString("zh-CN", { maximumFractionDigits: 2 });

function fillGroupings(report, chosen) {
    const groupings = REPORTS[report].groupings;
    $("groupBy").replaceChildren(...Object.entries(groupings).map(([code, label]) => new Option(label, code)));
    $("groupBy").value = chosen in groupings ? chosen : Object.keys(groupings)[0];
    $("fair-field").hidden = report !== "fairs";
}

async function fillFairs(chosen) {
    try {
        const fairs = await getAll("/api/fairs", 500);
        $("fairId").append(...fairs.map(f => new Option(`${f.name}（${f.date}）`, f.id)));
    } catch {
        // A recruiter may not list fairs; it can still ask for its fairs over a date range.
    }

    $("fairId").value = chosen ?? "";
}

function query(format) {
    const params = new URLSearchParams({ from: $("from").value, to: $("to").value, groupBy: $("groupBy").value });
    if ($("report").value === "fairs" && $("fairId").value) {
        params.set("fairId", $("fairId").value);
    }

    if (format) {
        params.set("format", format);
    }

    return `/api/reports/${$("report").value}?${params}`;
}

function remember() {
    const params = new URLSearchParams({ report: $("report").value, groupBy: $("groupBy").value, from: $("from").value, to: $("to").value });
    if ($("report").value === "fairs" && $("fairId").value) {
        params.set("fairId", $("fairId").value);
    }

    history.replaceState(history.state, "", `${location.pathname}?${params}`);
}

function cell(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) {
        element.className = className;
    }

    return element;
}

function renderTable(table) {
    $("head").replaceChildren(
        ...table.groupColumns.map(c => cell("th", c.label)),
        ...table.valueColumns.map(c => cell("th", c.label, "number")));
    $("rows").replaceChildren(...table.rows.map(row => {
        const tr = document.createElement("tr");
        tr.dataset.key = row.keys.join("/");
        tr.append(...row.labels.map(label => cell("td", label)));
        tr.append(...row.values.map((v, i) => {
            const td = cell("td", figure(v), "number");
            td.dataset.column = table.valueColumns[i].key;
            td.dataset.value = String(v);
            return td;
        }));
        return tr;
    }));
    if (table.rows.length === 0) {
        const td = cell("td", "所选范围内暂无数据", "muted");
        td.colSpan = table.groupColumns.length + table.valueColumns.length;
        const tr = document.createElement("tr");
        tr.className = "empty";
        tr.append(td);
        $("rows").replaceChildren(tr);
    }

    const first = cell("td", "合计");
    first.colSpan = table.groupColumns.length;
    $("total-row").replaceChildren(first, ...table.total.map((v, i) => {
        const td = cell("td", figure(v), "number");
        td.dataset.column = table.valueColumns[i].key;
        td.dataset.value = String(v);
        return td;
    }));
}

function renderTotals(table) {
    $("totals").replaceChildren(...table.valueColumns.map((c, i) => {
        const card = document.createElement("div");
        card.className = "total";
        card.dataset.testid = `total-${c.key}`;
        card.dataset.value = String(table.total[i]);
        card.append(cell("div", c.label, "label"), cell("div", figure(table.total[i]), "value"));
        return card;
    }));
}

function renderChart(table) {
    const definition = REPORTS[table.report];
    const rows = table.rows.slice(0, CHART_ROWS);
    const large = document.body.classList.contains("projector");
    const font = large ? 20 : 14;
    const series = definition.series
        .map(key => table.valueColumns.findIndex(c => c.key === key))
        .filter(i => i >= 0)
        .map((i, n) => ({
            name: table.valueColumns[i].label,
            type: table.groupBy === "hour" ? "line" : "bar",
            stack: definition.stacked ? "total" : undefined,
            barMaxWidth: 90,
            data: rows.map(r => r.values[i]),
            itemStyle: { color: COLORS[n % COLORS.length] },
            label: { show: rows.length <= 12, position: definition.stacked ? "inside" : "top", fontSize: font - 2 },
        }));
    chart.setOption({
        animation: false,
        textStyle: { fontSize: font },
        legend: { top: 0, textStyle: { fontSize: font } },
        tooltip: { trigger: "axis" },
        grid: { left: 60, right: 24, top: 48, bottom: 90 },
        xAxis: { type: "category", data: rows.map(r => r.labels.join(" · ")), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: font } },
        yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: font } },
        series,
    }, true);
    chart.resize();
}

function render(table) {
    shown = table;
    $("report-title").textContent = table.title;
    $("range").textContent = table.from === table.to ? table.from : `${table.from} 至 ${table.to}`;
    $("generated").textContent = `数据时间 ${new Date(table.generatedAt).toLocaleString("zh-CN")}`;
    renderTotals(table);
    renderTable(table);
    renderChart(table);
    $("table").dataset.report = `${table.report}:${table.groupBy}`;
}

async function run() {
    $("message").textContent = "";
    $("table").dataset.state = "loading";
    remember();
    try {
        render(await getJson(query()));
        $("table").dataset.state = "ready";
    } catch (e) {
        $("table").dataset.state = "error";
        $("message").textContent = e instanceof ApiError && e.problem?.errors
            ? Object.values(e.problem.errors).flat().join("；")
            : `查询失败：${e.message}`;
    }
}

/** The file the server made, saved under the name it gave (a Chinese one, in filename*). */
async function download(format) {
    $("message").textContent = "";
    try {
        const response = await fetch(query(format), { headers: { Authorization: `Bearer ${await token()}` } });
        if (!response.ok) {
            throw new Error(`HTTP ${response.status}`);
        }

        const disposition = response.headers.get("Content-Disposition") ?? "";
        const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
        const link = document.createElement("a");
        link.href = URL.createObjectURL(await response.blob());
        link.download = star ? decodeURIComponent(star[1]) : `report.${format}`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
        $("message").textContent = `导出失败：${e.message}`;
    }
}

async function start() {
    const params = new URLSearchParams(location.search);
    const today = new Date();
    const report = params.get("report") in REPORTS ? params.get("report") : "placements";
    $("report").value = report;
    fillGroupings(report, params.get("groupBy"));
    $("from").value = params.get("from") ?? isoDate(new Date(today.getFullYear(), 0, 1));
    $("to").value = params.get("to") ?? isoDate(today);
    await fillFairs(params.get("fairId"));

    $("report").addEventListener("change", () => { fillGroupings($("report").value); run(); });
    $("groupBy").addEventListener("change", run);
    $("fairId").addEventListener("change", () => {
        // One fair's day reads best by the hour; all fairs, one row each.
        fillGroupings("fairs", $("fairId").value ? "hour" : "fair");
        run();
    });
    $("filters").addEventListener("submit", e => { e.preventDefault(); run(); });
    $("export-csv").addEventListener("click", () => download("csv"));
    $("export-xlsx").addEventListener("click", () => download("xlsx"));
    $("projector").addEventListener("click", () => {
        const on = document.body.classList.toggle("projector");
        $("projector").setAttribute("aria-pressed", String(on));
        if (shown) {
            renderChart(shown);
        }
    });
    window.addEventListener("resize", () => chart.resize());
    await run();
}

start();
