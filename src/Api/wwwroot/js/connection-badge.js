// The connection-state indicator every live page shows in its header.

const TEXT = {
    idle: "未连接",
    connecting: "正在连接…",
    joining: "正在同步…",
    connected: "实时连接",
    reconnecting: "连接中断，正在重连…",
    disconnected: "已断开，稍后重试",
    error: "同步出错",
};

/** Renders a status from LiveChannel into the element, e.g. "实时连接 · 补发 3 条". */
export function showConnection(element, status) {
    element.dataset.state = status.state;
    let text = TEXT[status.state] ?? status.state;
    if (status.state === "connected" && status.replayed > 0) {
        text += ` · 补发 ${status.replayed} 条`;
    }

    if (status.state === "error" && status.error) {
        text += `：${status.error}`;
    }

    element.textContent = text;
    element.title = status.lastSeq === null ? "" : `已同步至第 ${status.lastSeq} 条`;
}
