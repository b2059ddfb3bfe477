#!/usr/bin/python3
"""The peer baseline for the AT round trip: what the popular Python HIL tools do at their core.

pyserial opens the simulator's pty, pexpect's fdspawn drives it: send the line, expect the
final "\\r\\nOK\\r\\n". Same simulator, same command, same count as athil_bench_at_roundtrip.
Prints one JSON line in the same shape.

  bench/at_roundtrip_pexpect.py --athil PATH [--count N] [--baud B]
"""

import argparse
import json
import subprocess
import sys
import time

import pexpect.fdpexpect
import serial

QUERY = b"AT+MQTTCFG?"
OK = b"\r\nOK\r\n"


def nearest_rank(sorted_samples, q):
    return sorted_samples[round(q * (len(sorted_samples) - 1))]


def start_sim(athil, baud):
    sim = subprocess.Popen([athil, "sim", "--link", "pty", "--baud", str(baud)],
                           stdout=subprocess.PIPE, text=True)
    line = sim.stdout.readline().strip()
    if not line.startswith("PTY "):
        sim.kill()
        sys.exit(f"athil sim said {line!r}, not 'PTY <path>'")
    return sim, line[4:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--athil", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--baud", type=int, default=0)
    args = parser.parse_args()

    sim, path = start_sim(args.athil, args.baud)
    try:
        port = serial.Serial(path, 115200, timeout=0)
        child = pexpect.fdpexpect.fdspawn(port.fileno(), timeout=3)
        time.sleep(0.25)  # guard silence before the escape
        child.send(b"+++")
        child.expect_exact(b"a")
        child.send(b"a")
        child.expect_exact(b"+ok")
        samples, bytes_in, failures = [], 0, 0
        for i in range(args.warmup + args.count):
            start = time.perf_counter()
            child.send(QUERY + b"\r")
            try:
                child.expect_exact(OK)
                got = child.before + child.after
                ok = b"+MQTTCFG:" in got
            except pexpect.TIMEOUT:
                got, ok = b"", False
            stop = time.perf_counter()
            if i >= args.warmup:
                samples.append((stop - start) * 1e6)
                bytes_in += len(got)
                failures += 0 if ok else 1
        port.close()
    finally:
        sim.terminate()
        sim.wait(timeout=5)

    samples.sort()
    print(json.dumps({
        "bench": "at_roundtrip", "client": "pexpect", "baud": args.baud,
        "us_count": len(samples), "us_median": nearest_rank(samples, 0.5),
        "us_p99": nearest_rank(samples, 0.99), "us_min": samples[0], "us_max": samples[-1],
        "bytes_out": len(QUERY) + 1, "bytes_in": bytes_in / args.count, "failures": failures,
    }))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
