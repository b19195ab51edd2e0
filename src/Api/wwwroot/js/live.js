// One hub channel (an employer, a fair, a site) kept up to date across connection drops.
//
// The client remembers the feed's epoch and the last seq it applied. Events are applied once, in order:
// an event at or below the last seq is a duplicate; one further ahead than the next means something was
// missed, so the channel joins again from its position and the server replays the rest. A new epoch means
// the feed started over, so the channel joins without a position and takes a snapshot. Events that arrive
// while a join is in flight are held back and applied after its answer.

import { token } from "./auth.js";

/* global signalR */

const RETRY_DELAYS_MS = [0, 1000, 2000, 5000, 10000];

/** A delay that grows to a ceiling and never gives up: a screen on a wall has no one to press reload. */
function retryDelay(attempt) {
    return RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
}

function wait(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

export class LiveChannel {
    /**
     * @param {object} options
     * @param {string} options.hubUrl e.g. "/hubs/fair"
     * @param {string} options.joinMethod e.g. "JoinFair"; its rejoin is named after it ("RejoinFair"), as every hub's is
     * @param {string} [options.leaveMethod] e.g. "LeaveFair"
     * @param {string[]} options.events the pushed method names to apply
     * @param {(snapshot: object) => void} options.onSnapshot replaces the page's state
     * @param {(type: string, event: object) => void} options.onEvent applies one event
     * @param {(status: object) => void} [options.onStatus] connection state for the indicator
     */
    constructor(options) {
        this.options = options;
        this.rejoinMethod = `Re${options.joinMethod.charAt(0).toLowerCase()}${options.joinMethod.slice(1)}`;
        this.key = null;
        this.position = { epoch: null, lastSeq: null };
        this.stats = { joins: 0, snapshots: 0, replayed: 0, applied: 0, reconnects: 0 };
        this.state = "idle";
        this._held = null;
        this._joins = Promise.resolve();
        this._stopped = false;
        this._starting = false;

        this.connection = new signalR.HubConnectionBuilder()
            .withUrl(options.hubUrl, { accessTokenFactory: () => token() })
            .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => retryDelay(ctx.previousRetryCount) })
            .configureLogging(signalR.LogLevel.Warning)
            .build();

        for (const type of options.events) {
            this.connection.on(type, event => this._receive(type, event));
        }

        this.connection.onreconnecting(() => this._status("reconnecting"));
        this.connection.onreconnected(() => {
            this.stats.reconnects++;
            this._join(false);
        });
        // The automatic reconnect covers drops of a started connection; a close it gave up on, or a server
        // that was not there at all, is retried here.
        this.connection.onclose(() => {
            if (!this._stopped) {
                this._status("disconnected");
                this._start();
            }
        });
    }

    /** Connects (once) and joins the channel of `key`, leaving the previous one. */
    async open(key) {
        const previous = this.key;
        this.key = key;
        this.position = { epoch: null, lastSeq: null };
        this._held = null;
        if (this.connection.state === signalR.HubConnectionState.Connected) {
            if (previous !== null && previous !== key && this.options.leaveMethod) {
                await this.connection.invoke(this.options.leaveMethod, previous).catch(() => { });
            }
            await this._join(true);
        } else if (this.connection.state === signalR.HubConnectionState.Disconnected) {
            // Not awaited: the start keeps retrying until a server answers, and the page goes on meanwhile.
            this._start();
        }
    }

    async close() {
        this._stopped = true;
        await this.connection.stop();
    }

    async _start() {
        if (this._starting) {
            return;
        }

        this._starting = true;
        this._status("connecting");
        try {
            for (let attempt = 0; !this._stopped && this.connection.state === signalR.HubConnectionState.Disconnected; attempt++) {
                await wait(retryDelay(attempt));
                try {
                    await this.connection.start();
                } catch (error) {
                    this._status("disconnected", error);
                    continue;
                }

                await this._join(false);
            }
        } finally {
            this._starting = false;
        }
    }

    /** Joins in turn: a join asked for while one runs waits for it, so answers never interleave. */
    _join(fresh) {
        if (this.key === null) {
            return Promise.resolve();
        }

        this._held ??= [];
        this._joins = this._joins.then(() => this._joinNow(fresh)).catch(error => this._status("error", error));
        return this._joins;
    }

    async _joinNow(fresh) {
        const known = !fresh && this.position.epoch !== null;
        const key = this.key;
        this._held ??= [];
        this._status("joining");
        // SignalR has no optional hub arguments: a fresh join names the channel only, a rejoin adds the position.
        const answer = known
            ? await this.connection.invoke(this.rejoinMethod, key, this.position.epoch, this.position.lastSeq)
            : await this.connection.invoke(this.options.joinMethod, key);
        if (key !== this.key) {
            return;
        }

        this.stats.joins++;
        this.stats.replayed += answer.replayed ?? 0;
        this.lastReplayed = answer.replayed ?? 0;
        if (answer.snapshot != null) {
            this.stats.snapshots++;
            this.position = { epoch: answer.epoch, lastSeq: answer.latestSeq };
            this.options.onSnapshot(answer.snapshot);
        } else if (!known) {
            // Nothing to show yet on a feed that has not started: begin at its position.
            this.position = { epoch: answer.epoch, lastSeq: answer.latestSeq };
        }

        // Held events of another epoch belong to a feed's earlier life (or a channel left since): drop them.
        const held = this._held.filter(h => h.event.epoch === this.position.epoch);
        this._held = null;
        held.sort((a, b) => a.event.seq - b.event.seq);
        for (const { type, event } of held) {
            this._receive(type, event);
        }

        if (this._held === null && this.position.lastSeq < answer.latestSeq) {
            // The replay fell short of the position the server answered: ask again from where we are.
            this._join(false);
            return;
        }

        this._status("connected");
    }

    _receive(type, event) {
        if (this._held !== null) {
            this._held.push({ type, event });
            return;
        }

        if (this.position.epoch !== null && event.epoch !== this.position.epoch) {
            this._join(true);
            this._held.push({ type, event });
            return;
        }

        if (this.position.lastSeq !== null && event.seq <= this.position.lastSeq) {
            return;
        }

        if (this.position.lastSeq !== null && event.seq > this.position.lastSeq + 1) {
            this._join(false);
            this._held.push({ type, event });
            return;
        }

        this.position.lastSeq = event.seq;
        this.position.epoch ??= event.epoch;
        this.stats.applied++;
        this.options.onEvent(type, event);
    }

    _status(state, error) {
        this.state = state;
        this.options.onStatus?.({
            state,
            error: error ? String(error.message ?? error) : null,
            lastSeq: this.position.lastSeq,
            replayed: this.lastReplayed ?? 0,
            stats: { ...this.stats },
        });
    }
}
