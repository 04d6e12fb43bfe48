"""The map's cells, counted ahead.

For each status, every cell of the finest clustered grid (zoom 8: a quarter of a 256-pixel tile a
side, 0.3515625 degrees) holds its located events' count, the sums and extremes of their
positions, the smallest id and type (what a cell of one event shows) and the largest size. A map
of every event (no filter but the status) at zoom 8 or coarser adds these rows up, a few thousand
at most, instead of reading every located event; a filtered map reads the events, on the same
grid. A coarser zoom's cell is exactly 2, 4, ... 256 fine cells a side, so both ways group alike.

Every write that changes events recomputes, in its own transaction, the cells it touched: those
its events were in before and are in after.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, bindparam, func, literal_column, select
from sqlalchemy.engine import Connection

from strikewatch.store.bounds import chunks
from strikewatch.store.schema import events, map_cells

FINEST_ZOOM = 8  # the map clusters below zoom 9 (web/api.py CLUSTER_BELOW_ZOOM)
CELL = 360 / 2**FINEST_ZOOM / 4  # degrees a side, exact in binary
Cell = tuple[int, int]  # (gx, gy) at the finest zoom


def fine_cell(lat: float, lon: float) -> Cell:
    """A position's cell at the finest zoom, as the database computes it (never negative: truncating floors)."""
    return int((lon + 180) / CELL), int((lat + 90) / CELL)


def _index(value: str, dialect: str) -> str:
    # CAST truncates on SQLite (whose floor() needs a compile option) and rounds on PostgreSQL;
    # the values here are never negative, so truncating is flooring.
    return f"CAST({value} AS INTEGER)" if dialect == "sqlite" else f"floor({value})"


def grid(zoom: int, dialect: str) -> tuple[Any, Any]:
    """The (x, y) cell of each event at `zoom`: from its finest cell at zoom 8 and coarser, so a
    map read from the events groups as one read from `map_cells`. SQL text without parameters
    (the sizes are exact binary fractions), so the same expression groups and orders alike."""
    cell = CELL if zoom <= FINEST_ZOOM else 360 / 2**zoom / 4
    x, y = (_index(f"({events.name}.{axis} + {shift}) / {cell!r}", dialect) for axis, shift in (("lon", 180),
                                                                                               ("lat", 90)))
    if zoom < FINEST_ZOOM:
        step = 2 ** (FINEST_ZOOM - zoom)
        x, y = _index(f"{x} / {step}", dialect), _index(f"{y} / {step}", dialect)
    return literal_column(x, Integer), literal_column(y, Integer)


def _status_of(status: str) -> Any:
    return map_cells.c.status == status if status in ("ok", "wrong") else map_cells.c.status != "merged"




def cell_sums(conn: Connection, status: str, zoom: int, where: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    """Per cell at `zoom` (at most the finest), the sums (`as_cells`' rows) of the located events of
    this status (ok, wrong, or all but merged), from the fine cells counted ahead (those that meet
    `where`, if given)."""
    step = 2 ** (FINEST_ZOOM - zoom)
    gx, gy = literal_column(f"map_cells.gx / {step}", Integer), literal_column(f"map_cells.gy / {step}", Integer)
    return list(conn.execute(select(gx, gy, func.sum(map_cells.c.n), func.sum(map_cells.c.sum_lat),
                                    func.sum(map_cells.c.sum_lon), func.min(map_cells.c.first_id),
                                    func.min(map_cells.c.first_type), func.max(map_cells.c.max_size))
                             .where(_status_of(status), *where).group_by(gx, gy)))


def touching(bbox: tuple[float, float, float, float], zoom: int) -> tuple[int, int, int, int]:
    """The fine cells (first x, first y, last x, last y) of the cells at `zoom` (at most the finest)
    that a box (west, south, east, north) meets: whole cells, whatever part of them is in view."""
    west, south, east, north = bbox
    (x0, y0), (x1, y1) = fine_cell(south, west), fine_cell(north, east)
    step = 2 ** (FINEST_ZOOM - min(zoom, FINEST_ZOOM))
    return x0 // step * step, y0 // step * step, (x1 // step + 1) * step - 1, (y1 // step + 1) * step - 1


def in_cells(x0: int, y0: int, x1: int, y1: int) -> list[Any]:
    """The conditions on counted cells of a range of fine cells."""
    return [map_cells.c.gx.between(x0, x1), map_cells.c.gy.between(y0, y1)]


def as_cells(rows: Iterable[tuple[Any, ...]]) -> list[dict]:
    """Rows of (x, y, events, sum of latitudes, sum of longitudes, smallest id, smallest type, largest
    size), one a cell: each cell (in grid order) at its events' mean position, with the id and type of
    a lone event."""
    return [{"count": int(n), "lat": sum_lat / n, "lon": sum_lon / n, "id": first if n == 1 else None,
             "type": kind if n == 1 else None, "size_high": size}
            for _x, _y, n, sum_lat, sum_lon, first, kind, size in sorted(rows, key=lambda r: (r[0], r[1]))]


def extent(conn: Connection, status: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the located events of this status; None when there are none."""
    west, south, east, north = conn.execute(select(
        func.min(map_cells.c.min_lon), func.min(map_cells.c.min_lat), func.max(map_cells.c.max_lon),
        func.max(map_cells.c.max_lat)).where(_status_of(status))).one()
    return None if west is None else (west, south, east, north)


def cells_of_rows(rows: Iterable[dict]) -> set[Cell]:
    """The cells of these events rows (with lat and lon)."""
    return {fine_cell(r["lat"], r["lon"]) for r in rows if r.get("lat") is not None and r.get("lon") is not None}


def cells_of_events(conn: Connection, where: Any) -> set[Cell]:
    """The cells the stored events matching `where` are in."""
    fine_x, fine_y = grid(FINEST_ZOOM, conn.dialect.name)
    query = select(fine_x, fine_y).distinct().where(where, events.c.lat.is_not(None), events.c.lon.is_not(None))
    return {(int(x), int(y)) for x, y in conn.execute(query)}


def cells_of_blocks(conn: Connection, blocks: Iterable[str]) -> set[Cell]:
    return {c for chunk in chunks(sorted(set(blocks))) for c in cells_of_events(conn, events.c.block.in_(chunk))}


def cells_of_ids(conn: Connection, event_ids: Iterable[str]) -> set[Cell]:
    return {c for chunk in chunks(sorted(set(event_ids))) for c in cells_of_events(conn, events.c.event_id.in_(chunk))}


def _counted(conn: Connection) -> Any:
    """SELECT of the cells' rows from the events, grouped by status and finest cell."""
    fine_x, fine_y = grid(FINEST_ZOOM, conn.dialect.name)
    e = events.c
    return select(e.status, fine_x, fine_y, func.count(), func.sum(e.lat), func.sum(e.lon), func.min(e.lat),
                  func.max(e.lat), func.min(e.lon), func.max(e.lon), func.min(e.event_id), func.min(e.type),
                  func.max(e.size_high))


_COLUMNS = ["status", "gx", "gy", "n", "sum_lat", "sum_lon", "min_lat", "max_lat", "min_lon", "max_lon", "first_id",
            "first_type", "max_size"]


def recount(conn: Connection, touched: set[Cell]) -> None:
    """Recompute these cells from the events now in them (each found through the position index)."""
    if not touched:
        return
    fine_x, fine_y = grid(FINEST_ZOOM, conn.dialect.name)
    margin = CELL / 100  # the box finds the cell's events by index; the cell's own test decides
    counted = _counted(conn).where(
        literal_column("events.status IN ('ok', 'wrong', 'merged')"),  # plain SQL: executemany takes no IN list
        events.c.lat >= bindparam("south"), events.c.lat < bindparam("north"),
        events.c.lon >= bindparam("west"), events.c.lon < bindparam("east"),
        fine_x == bindparam("x"), fine_y == bindparam("y")).group_by(events.c.status, fine_x, fine_y)
    params = [{"x": x, "y": y, "west": x * CELL - 180 - margin, "east": (x + 1) * CELL - 180 + margin,
               "south": y * CELL - 90 - margin, "north": (y + 1) * CELL - 90 + margin} for x, y in sorted(touched)]
    conn.execute(map_cells.delete().where(map_cells.c.gx == bindparam("x"), map_cells.c.gy == bindparam("y")),
                 [{"x": x, "y": y} for x, y in sorted(touched)])
    insert = map_cells.insert().from_select(_COLUMNS, counted)
    for part in _batches(params):
        conn.execute(insert, part)


def _batches(params: list[dict], size: int = 1000) -> Iterable[list[dict]]:
    for start in range(0, len(params), size):
        yield params[start:start + size]


def rebuild(conn: Connection) -> None:
    """Every cell again, from every located event (after every event was replaced)."""
    conn.execute(map_cells.delete())
    fine_x, fine_y = grid(FINEST_ZOOM, conn.dialect.name)
    counted = _counted(conn).where(events.c.lat.is_not(None), events.c.lon.is_not(None)).group_by(
        events.c.status, fine_x, fine_y)
    conn.execute(map_cells.insert().from_select(_COLUMNS, counted))

