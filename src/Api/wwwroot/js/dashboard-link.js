// The Orleans Dashboard's pages fetch their data without a bearer header, so the link first opens a dashboard
// session for this browser with the page's token (an HttpOnly cookie scoped to /dashboard), then follows.
import { token } from "./auth.js";

const link = document.getElementById("dashboard-link");
const note = document.getElementById("dashboard-note");

link?.addEventListener("click", async event => {
    event.preventDefault();
    note.textContent = "";
    try {
        const response = await fetch("/api/dashboard/session", {
            method: "POST",
            headers: { Authorization: `Bearer ${await token()}`, Accept: "application/json" },
        });
        if (response.ok) {
            window.location.href = link.href;
            return;
        }

        note.textContent = response.status === 403
            ? "仪表板仅对工作人员和管理员开放。"
            : `无法打开仪表板（HTTP ${response.status}）。`;
    } catch (error) {
        note.textContent = `无法打开仪表板：${error.message}`;
    }
});
