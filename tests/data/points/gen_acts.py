# Generates the sample acts for the points example and tests (deterministic).
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
deputies = [
    (1, "王芳", "city"), (2, "李明", "city"), (3, "张伟", "county"),
    (4, "刘洋", "county"), (5, "陈静", "city"), (6, "赵强", "township"),
]
acts = []
rid = 1000
def act(dep, date, kind, claim="verified", quantity=1, qualifiers=()):
    global rid
    rid += 1
    a = {"id": rid, "deputy": dep, "date": date, "kind": kind, "claim": claim}
    if quantity != 1: a["quantity"] = quantity
    if qualifiers: a["qualifiers"] = list(qualifiers)
    acts.append(a)
    return a

for year in (2024, 2025):
    y = str(year)
    # 王芳: very active
    for m in range(1, 12):
        act(1, f"{y}-{m:02d}-10", "attend_meeting")
    act(1, f"{y}-01-15", "speak_in_deliberation")
    act(1, f"{y}-01-16", "speak_in_deliberation")
    act(1, f"{y}-01-18", "submit_suggestion", qualifiers=["lead", "key_suggestion", "reply_class_a"])
    act(1, f"{y}-01-18", "submit_suggestion", qualifiers=["co_signer"])
    for m in (3, 5, 7, 9, 11):
        act(1, f"{y}-{m:02d}-20", "inspection")
    act(1, f"{y}-06-01", "contact_public", quantity=4)
    act(1, f"{y}-12-20", "duty_report")
    # 李明: active, some leave
    for m in range(1, 9):
        act(2, f"{y}-{m:02d}-10", "attend_meeting")
    act(2, f"{y}-01-15", "speak_in_deliberation")
    act(2, f"{y}-01-18", "submit_suggestion", qualifiers=["lead"])
    act(2, f"{y}-04-22", "research")
    act(2, f"{y}-05-22", "law_enforcement_check")
    act(2, f"{y}-01-19", "leave", quantity=2)
    act(2, f"{y}-08-08", "training")
    act(2, f"{y}-10-09", "local:1", quantity=3)
    # 张伟: steady
    for m in range(1, 8):
        act(3, f"{y}-{m:02d}-10", "attend_meeting")
    act(3, f"{y}-01-18", "submit_suggestion", qualifiers=["co_signer"])
    act(3, f"{y}-03-20", "inspection")
    act(3, f"{y}-09-20", "mediation", quantity=2)
    act(3, f"{y}-11-02", "contact_public", quantity=3)
    # 刘洋: poor both years
    act(4, f"{y}-01-17", "absence")
    act(4, f"{y}-01-18", "absence")
    act(4, f"{y}-03-10", "leave", quantity=4)
    act(4, f"{y}-04-10", "attend_meeting")
    # 陈静: fairly good
    for m in range(1, 6):
        act(5, f"{y}-{m:02d}-10", "attend_meeting")
    act(5, f"{y}-01-18", "submit_suggestion", qualifiers=["lead", "reply_class_a"])
    act(5, f"{y}-02-14", "training", quantity=2)
    # 赵强: fine in 2024, poor in 2025
    if year == 2024:
        for m in range(1, 7):
            act(6, f"{y}-{m:02d}-10", "attend_meeting")
        act(6, f"{y}-05-05", "research")
    else:
        act(6, f"{y}-01-17", "absence")
        act(6, f"{y}-01-19", "leave", quantity=2)
        act(6, f"{y}-02-10", "attend_meeting")
# claims and data errors in 2025
act(3, "2025-10-10", "research", claim="pending")
act(5, "2025-11-11", "inspection", claim="rejected")
dup = dict(next(a for a in acts if a["date"].startswith("2025") and a["kind"] == "inspection")); acts.append(dup)            # the same record exported twice
act(2, "2023-12-31", "attend_meeting")            # before the policy is in force
data = {"deputies": [{"id": i, "name": n, "level": l} for i, n, l in deputies], "acts": acts}
json.dump(data, open(HERE + "/acts.json", "w"), ensure_ascii=False, indent=1)
# TOML version
def val(v):
    if isinstance(v, str): return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list): return "[" + ", ".join(val(x) for x in v) + "]"
    return str(v)
lines = ["# Sample duty acts for 2024 and 2025 (generated; the JSON file holds the same data).", ""]
for i, n, l in deputies:
    lines += ["[[deputies]]", f"id = {i}", f"name = {val(n)}", f"level = {val(l)}", ""]
for a in acts:
    lines.append("[[acts]]")
    for k, v in a.items():
        lines.append(f"{k} = {val(v)}")
    lines.append("")
open(HERE + "/acts.toml", "w").write("\n".join(lines))
print(len(acts))
