"""The tutorial's own SQLAlchemy program as a peer of the service in the benchmark (issue 12, point 3).

The tutorial ("Use SQLAlchemy to write data to a database table", /work/shared/seeds/000_64a0a30dcd4f1da1.txt)
writes the userdata table to an SQLite file with SQLAlchemy 2.0. This is its code on Debian's python3-sqlalchemy
(1.4), writing the rows the bench writes to the service (bench/measure.mjs bulkBodies: user_id `bulk-0000000`…,
user_data `bulk data for row i`, then `updated data for row i`) both ways the tutorial shows:

- unit of work: `session.add(Userdata(...))` per row and `session.commit()`; then per row the tutorial's
  `session.execute(select(Userdata).where(Userdata.user_id == id)).scalar()`, the attribute changed, one
  `session.commit()`; then per row the same select, `session.delete(obj)`, one `session.commit()`;
- bulk: `session.execute(insert(Userdata), add_list)`; `session.execute(update(...), change_list)` by primary key;
  `session.execute(delete(Userdata).where(...))`, each followed by `session.commit()`.

Adapted for SQLAlchemy 1.4, minimally (everything else is the tutorial's code):
1. `class Base(DeclarativeBase)` is 2.0 only: `Base = declarative_base()`, 1.4's spelling of the same registry.
2. `mapped_column(...)` is 2.0 only: `Column(...)` with the same arguments (String(32) primary key, String(640),
   DateTime() with `default=func.now(), onupdate=func.now()`: SQLAlchemy renders CURRENT_TIMESTAMP into the
   INSERT and the UPDATE, so the database sets time_stamp, as in the tutorial).
3. The tutorial's bulk update, `session.execute(update(Userdata), change_list)`, is 2.0's "ORM bulk UPDATE by
   primary key"; 1.4 has no such form (an update() without a WHERE would set every row). The 1.4 form of the same
   thing is the WHERE on the primary key spelled with bindparam(), executed with the list (one executemany):
   `update(Userdata).where(Userdata.user_id == bindparam("id")).values(user_data=bindparam("data"))`, with
   synchronize_session=False (the session holds no objects to synchronise, and 1.4 cannot evaluate a bindparam).
4. The bulk delete's where() names the rows as the service's bulk delete does (`DELETE /users?user_id_prefix=bulk-`):
   `delete(Userdata).where(Userdata.user_id.startswith("bulk-"))`, like the tutorial's
   `delete(Userdata).where(Userdata.user_data == "Mass update")` matching many rows.
The engine is the tutorial's `create_engine("sqlite:///<file>")`, SQLite's defaults (rollback journal, synchronous
FULL), on a fresh file in a temporary directory for each way and size; each repetition empties the table again.

Usage: python3 peer.py [--sizes 10000,100000] [--reps 3]. Prints one JSON object to stdout: the versions, and one
record per (way, op, rows, rep) with ms and rows/s. Progress goes to stderr.
"""

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time

import sqlalchemy
from sqlalchemy import Column, DateTime, String, bindparam, create_engine, delete, func, insert, select, update
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()  # 2.0: class Base(DeclarativeBase): pass


class Userdata(Base):
    __tablename__ = "userdata"
    # 2.0: mapped_column(...) for each; the same arguments.
    user_id = Column(String(32), primary_key=True, nullable=False)
    user_data = Column(String(640))
    time_stamp = Column(DateTime(), default=func.now(), onupdate=func.now())


def bulk_id(i):
    return f"bulk-{i:07d}"


def rows_of(n):
    ids = [bulk_id(i) for i in range(n)]
    inserts = [{"user_id": user_id, "user_data": f"bulk data for row {i}"} for i, user_id in enumerate(ids)]
    updates = [{"user_id": user_id, "user_data": f"updated data for row {i}"} for i, user_id in enumerate(ids)]
    return ids, inserts, updates


def count(engine):
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(Userdata)).scalar()


def unit_of_work(engine, ids, inserts, updates):
    """The tutorial's session.add() / select-modify-commit / select-delete-commit, one row at a time."""
    times = {}
    started = time.perf_counter()
    session = Session(engine)
    for row in inserts:
        user = Userdata(user_id=row["user_id"], user_data=row["user_data"])
        session.add(user)
    session.commit()
    session.close()
    times["insert"] = time.perf_counter() - started

    started = time.perf_counter()
    session = Session(engine)
    for row in updates:
        user = session.execute(select(Userdata).where(Userdata.user_id == row["user_id"])).scalar()
        if user:
            user.user_data = row["user_data"]
        else:
            raise RuntimeError(f"User '{row['user_id']}' does not exist")
    session.commit()
    session.close()
    times["update"] = time.perf_counter() - started

    started = time.perf_counter()
    session = Session(engine)
    for user_id in ids:
        user = session.execute(select(Userdata).where(Userdata.user_id == user_id)).scalar()
        session.delete(user)
    session.commit()
    session.close()
    times["delete"] = time.perf_counter() - started
    return times


# 1.4's form of 2.0's session.execute(update(Userdata), change_list): the primary key WHERE spelled with bindparam.
UPDATE_BY_PK = (
    update(Userdata)
    .where(Userdata.user_id == bindparam("b_user_id"))
    .values(user_data=bindparam("b_user_data"))
    .execution_options(synchronize_session=False)
)


def bulk(engine, ids, inserts, updates):
    """The tutorial's insert() with a list, update() by primary key, delete().where()."""
    times = {}
    change_list = [{"b_user_id": r["user_id"], "b_user_data": r["user_data"]} for r in updates]

    started = time.perf_counter()
    session = Session(engine)
    session.execute(insert(Userdata), inserts)
    session.commit()
    session.close()
    times["insert"] = time.perf_counter() - started

    started = time.perf_counter()
    session = Session(engine)
    result = session.execute(UPDATE_BY_PK, change_list)
    session.commit()
    session.close()
    times["update"] = time.perf_counter() - started
    if result.rowcount != len(ids):
        raise RuntimeError(f"the bulk update changed {result.rowcount} rows, not {len(ids)}")

    started = time.perf_counter()
    session = Session(engine)
    result = session.execute(
        delete(Userdata).where(Userdata.user_id.startswith("bulk-")).execution_options(synchronize_session=False)
    )
    session.commit()
    session.close()
    times["delete"] = time.perf_counter() - started
    if result.rowcount != len(ids):
        raise RuntimeError(f"the bulk delete removed {result.rowcount} rows, not {len(ids)}")
    return times


WAYS = {"unit of work": unit_of_work, "bulk": bulk}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    records = []
    with tempfile.TemporaryDirectory(prefix="userdata-tutorial-") as tmp:
        # A warm-up of both ways (imports, statement compilation caches), not recorded.
        engine = create_engine(f"sqlite:///{os.path.join(tmp, 'warmup.db')}")
        Base.metadata.create_all(engine)
        warm = rows_of(1000)
        for fn in WAYS.values():
            fn(engine, *warm)
        engine.dispose()
        for rows in sizes:
            data = rows_of(rows)
            for way, fn in WAYS.items():
                path = os.path.join(tmp, f"userdata-{way.replace(' ', '-')}-{rows}.db")
                engine = create_engine(f"sqlite:///{path}")  # the tutorial's "sqlite:///userdata.db"
                Base.metadata.create_all(engine)
                for rep in range(args.reps):
                    times = fn(engine, *data)
                    left = count(engine)
                    if left != 0:
                        raise RuntimeError(f"{way}: {left} rows left after the delete")
                    for op, seconds in times.items():
                        record = {"way": way, "op": op, "rows": rows, "rep": rep, "ms": seconds * 1000}
                        record["rowsPerSec"] = rows / seconds
                        records.append(record)
                        print(
                            f"tutorial {way:12} {op:6} {rows:>7,} rows  rep {rep + 1}/{args.reps}"
                            f"  {record['rowsPerSec']:>9,.0f} rows/s  ({record['ms']:,.0f} ms)",
                            file=sys.stderr,
                            flush=True,
                        )
                engine.dispose()
    json.dump(
        {
            "python": platform.python_version(),
            "executable": sys.executable,
            "sqlalchemy": sqlalchemy.__version__,
            "sqlite": sqlite3.sqlite_version,
            "sizes": sizes,
            "reps": args.reps,
            "records": records,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
