#!/usr/bin/env python3
"""Top frames by inclusive CPU time from a dotnet-trace Speedscope file.

dotnet-trace's default profile samples every thread, running or waiting; only the time under the
pseudo-frame CPU_TIME is time spent on a core, so a frame's share here is the part of all CPU time
during which it was on the stack. Usage: top_frames.py FILE.speedscope.json [N] [filter-substring]
"""
import json
import sys
from collections import defaultdict


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    only = sys.argv[3] if len(sys.argv) > 3 else None
    doc = json.load(open(path))
    names = [f["name"] for f in doc["shared"]["frames"]]
    inclusive = defaultdict(float)
    total = 0.0
    for profile in doc["profiles"]:
        stack = []
        last = None
        for event in profile["events"]:
            at = event["at"]
            if last is not None and stack and names[stack[-1]] == "CPU_TIME":
                span = at - last
                total += span
                for frame in set(stack):
                    inclusive[frame] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                # Speedscope closes frames in order; tolerate a mismatch by popping to it.
                while stack and stack.pop() != event["frame"]:
                    pass
    print(f"CPU time sampled: {total / 1000:.2f} s (all threads)")
    rows = sorted(inclusive.items(), key=lambda kv: -kv[1])
    shown = 0
    for frame, span in rows:
        name = names[frame]
        if only and only not in name:
            continue
        print(f"{100 * span / total:6.1f} %  {name[:150]}")
        shown += 1
        if shown >= top:
            break


if __name__ == "__main__":
    main()
