#!/usr/bin/env python3
"""Synthetic assessment data for Benchmarks/assess.sh: N jurisdictions (30 to a 市州) over P monthly
periods, with the columns of Examples/南岭省/考核 (docs/assessment-design.md), so the shipped
考核办法.xml applies. Deterministic (seeded). Leaders move between jurisdictions now and then, so
跟踪否决 lookups do real work.

usage: assess_data.py OUT_DIR N P [--year 2025]   -> OUT_DIR/2025-01.csv … (P files, months roll into later years)
"""
import csv, os, random, sys

COLUMNS = ["行政区划代码", "名称", "所属市州", "级别", "常住人口", "出生率", "出生率目标", "自然增长率", "自然增长率目标",
           "符合政策生育率", "符合政策生育率目标", "出生人口性别比", "性别比目标", "长效避孕措施落实率", "长效避孕措施落实率目标",
           "社会抚养费征收到位率", "社会抚养费征收到位率目标", "流动人口信息反馈率", "反馈率目标", "漏报率", "人均计生事业费",
           "人均计生事业费目标", "重大恶性案件", "严重弄虚作假", "财政投入弄虚作假", "严重滞后", "书记", "行政首长", "分管领导"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "明华建国军平志强伟芳秀英敏静丽勇杰涛斌超波辉刚健文红霞玲燕萍宇鹏飞云海东林峰亮成龙"


def name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def main():
    out, n, periods = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    year = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--year" else 2025
    rng = random.Random(18)
    os.makedirs(out, exist_ok=True)
    places = []
    for i in range(n):
        code = f"{660000 + (i // 30) * 100 + 101 + i % 30:06d}" if n <= 2970 else f"{7000000 + i:07d}"
        places.append({"code": code, "name": f"第{i + 1}县", "group": f"第{i // 30 + 1}州",
                       "leaders": [name(rng), name(rng), name(rng)], "base": rng.uniform(-1, 1)})
    for p in range(periods):
        y, m = year + p // 12, p % 12 + 1
        # A few leaders move to another jurisdiction each month.
        for _ in range(max(1, n // 200)):
            a, b = rng.sample(range(n), 2)
            role = rng.randrange(3)
            places[a]["leaders"][role], places[b]["leaders"][role] = places[b]["leaders"][role], name(rng)
        with open(os.path.join(out, f"{y}-{m:02d}.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS)
            for pl in places:
                s = pl["base"] + rng.uniform(-1, 1)
                w.writerow([pl["code"], pl["name"], pl["group"], "县", rng.randint(150000, 900000),
                            f"{13 - s + rng.uniform(-1, 1):.2f}", "13.00", f"{6 - s:.2f}", "7.00",
                            f"{91 + 3 * s:.2f}", "90.00", f"{114 - 3 * s:.1f}", "115.0",
                            f"{88 + 4 * s:.1f}", "85.0", f"{85 + 5 * s:.1f}", "80.0", f"{91 + 3 * s:.1f}", "90.0",
                            f"{max(0, 3.5 - 1.5 * s):.2f}", f"{20 + 2 * s:.2f}", "20.00",
                            "是" if rng.random() < 0.003 else "否", "是" if rng.random() < 0.002 else "否",
                            "是" if rng.random() < 0.002 else "否",
                            rng.choice(["否"] * 40 + ["党政线", "人口计生线"]),
                            *pl["leaders"]])


if __name__ == "__main__":
    main()
