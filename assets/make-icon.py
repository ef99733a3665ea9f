#!/usr/bin/env python3
"""Draws assets/icon.png, the packages' icon (128x128): a check mark over a save bar on a rounded square.

Plain Python (zlib only), so it runs anywhere: python3 assets/make-icon.py
"""
import math
import struct
import zlib
from pathlib import Path

SIZE, SAMPLES = 128, 4  # 4x4 supersampling for smooth edges
BACKGROUND, CHECK, BAR = (30, 58, 95), (255, 255, 255), (245, 166, 35)


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def inside_rounded_square(x, y, margin=4, radius=22):
    lo, hi = margin + radius, SIZE - margin - radius
    cx, cy = min(max(x, lo), hi), min(max(y, lo), hi)
    return math.hypot(x - cx, y - cy) <= radius


def colour_at(x, y):
    if not inside_rounded_square(x, y):
        return None
    if min(segment_distance(x, y, 32, 62, 56, 86), segment_distance(x, y, 56, 86, 98, 36)) <= 7:
        return CHECK
    if segment_distance(x, y, 28, 106, 100, 106) <= 4:
        return BAR
    return BACKGROUND


def pixel(x, y):
    r = g = b = a = 0
    for i in range(SAMPLES):
        for j in range(SAMPLES):
            c = colour_at(x + (i + 0.5) / SAMPLES, y + (j + 0.5) / SAMPLES)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return (0, 0, 0, 0)
    return (r // a, g // a, b // a, 255 * a // (SAMPLES * SAMPLES))


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
Path(__file__).with_name("icon.png").write_bytes(png(SIZE, SIZE, rows))
