"""The drawing worker of :mod:`indicators.charts.render`: run as a script, it answers requests on stdin until it
closes. It imports vl-convert only, so a panic in it ends this process alone."""

from __future__ import annotations

import json
import sys


def serve() -> None:
    """Answer each request line (``{"spec", "format", "scale"}``) with ``ok N`` or ``error N`` and N bytes."""
    import vl_convert as vlc

    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
            if request["format"] == "png":
                body: bytes = vlc.vegalite_to_png(request["spec"], scale=float(request["scale"]))
            else:
                body = str(vlc.vegalite_to_svg(request["spec"])).encode("utf-8")
            status = "ok"
        except Exception as err:
            status, body = "error", str(err).encode("utf-8", "replace")
        out.write(f"{status} {len(body)}\n".encode("ascii") + body)
        out.flush()


if __name__ == "__main__":
    serve()
