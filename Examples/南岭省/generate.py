#!/usr/bin/env python3
"""Generates the fictional province 南岭省 used by the templates' samples: 9 prefecture-level units,
their counties with 6-digit 行政区划代码 (GB/T 2260 style: province 52xxxx is avoided; 南岭省 uses 66),
a year of population indicators and targets, officials, and households (with their townships and
villages, in two counties) for the 诚信计生双向承诺书.

Deterministic (fixed seed): running it again gives the same files. Values are plausible
(出生率 8–16‰, 自然增长率 −2–10‰, 性别比 103–125, 符合政策生育率 85–99%) and include the
awkward cases real data has: negative growth, a rate written as text with ‰, a missing value,
rare characters in names (䶮, 𠮷), a very long department name.

Usage: generate.py [--households N]   (writes counties.csv, prefectures.csv, households.csv here)"""
import csv, os, random, sys

random.seed(20250630)
HERE = os.path.dirname(os.path.abspath(__file__))

PREFECTURES = [
    ("01", "南岭市", "市", ["中山区", "云岩区", "花溪区", "乌当区", "白云区", "观山湖区", "开阳县", "息烽县", "修文县", "清镇市"]),
    ("02", "安平市", "市", ["钟山区", "六枝特区", "清水县", "石门县", "盘州市"]),
    ("03", "龙溪州", "州", ["凯里市", "黄平县", "施秉县", "三穗县", "镇远县", "岑巩县", "天柱县", "锦屏县", "剑河县", "台江县", "黎平县", "榕江县", "从江县", "雷山县", "麻江县", "丹寨县", "云岭区", "河西特区"]),
    ("04", "遵义市", "市", ["红花岗区", "汇川区", "播州区", "桐梓县", "绥阳县", "正安县", "道真县", "务川县", "凤冈县", "湄潭县", "余庆县", "习水县", "赤水市", "仁怀市"]),
    ("05", "铜仁市", "市", ["碧江区", "万山区", "江口县", "玉屏县", "石阡县", "思南县", "印江县", "德江县", "沿河县", "松桃县"]),
    ("06", "毕节市", "市", ["七星关区", "大方县", "黔西市", "金沙县", "织金县", "纳雍县", "威宁县", "赫章县"]),
    ("07", "黔南州", "州", ["都匀市", "福泉市", "荔波县", "贵定县", "瓮安县", "独山县", "平塘县", "罗甸县", "长顺县", "龙里县", "惠水县"]),
    ("08", "黔西南州", "州", ["兴义市", "兴仁市", "普安县", "晴隆县", "贞丰县", "望谟县", "册亨县", "安龙县"]),
    ("09", "安顺市", "市", ["西秀区", "平坝区", "普定县", "镇宁县", "关岭县", "紫云县"]),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "国强建平德明光辉秀兰文忠晓东芳志刚丽华海燕红梅永福金花春生玉珍桂英明亮小军树林世杰家宝婷婷思远子涵雨欣俊杰"


def name():
    return random.choice(SURNAMES) + "".join(random.choice(GIVEN) for _ in range(random.choice((1, 2))))


def counties():
    rows = []
    for pcode, pname, kind, names in PREFECTURES:
        for i, cname in enumerate(names, 1):
            code = f"66{pcode}{i:02d}"
            level = "区" if cname.endswith("区") else "市" if cname.endswith("市") else "特区" if cname.endswith("特区") else "县"
            birth = round(random.uniform(8.0, 16.0), 2)
            death = round(random.uniform(5.5, 10.0), 2)
            growth = round(birth - death, 2)
            rows.append({
                "行政区划代码": code, "名称": cname, "所属市州": pname, "级别": level,
                "常住人口": random.randint(80_000, 1_200_000),
                "出生率": f"{birth:.2f}", "出生率目标": f"{random.choice([12.5, 13.0, 13.5, 14.0]):.2f}",
                "自然增长率": f"{growth:.2f}", "自然增长率目标": "7.00",
                "符合政策生育率": f"{random.uniform(85, 99):.2f}", "符合政策生育率目标": "90.00",
                "出生人口性别比": f"{random.uniform(103, 125):.1f}", "性别比目标": "115.0",
                "长效避孕措施落实率": f"{random.uniform(78, 97):.1f}", "社会抚养费征收到位率": f"{random.uniform(60, 98):.1f}",
                "流动人口信息反馈率": f"{random.uniform(75, 99):.1f}",
                "书记": name(), "行政首长": name(), "分管领导": name(),
            })
    # The awkward cases.
    rows[3]["自然增长率"] = "-1.37"                      # negative growth
    rows[7]["出生率"] = "12.85‰"                         # a rate typed with its unit
    rows[12]["社会抚养费征收到位率"] = ""                  # a missing value
    rows[20]["分管领导"] = "杨䶮"                          # rare characters
    rows[21]["书记"] = "吴𠮷英"
    return rows


def households(county_rows, n):
    """Households of two counties, each with its own townships and villages."""
    categories = ["生育重点管理对象", "生育未交清社会抚养费家庭", "已婚育龄夫妇“三代”人员家庭",
                  "在育龄期且未达到法定结婚年龄家庭", "出租家庭", "其他应签订家庭"]
    places = PLACES
    counties = {r["名称"]: r for r in county_rows}
    codes = place_codes(counties, places)
    rows = []
    for i in range(1, n + 1):
        county = counties["清水县" if i % 2 else "石门县"]
        township = random.choice(sorted(places[county["名称"]]))
        rows.append({
            "承诺书编号": f"{county['行政区划代码']}-2025-{i:05d}", "县": county["名称"], "乡镇": township,
            "村": (village := random.choice(places[county["名称"]][township])), "户主": name(), "家庭人口": random.randint(2, 7),
            "类别": random.choice(categories), "身份证号": "",
            "联系电话": f"1{random.choice('3578')}{random.randint(0, 9)}{random.randint(10000000, 99999999)}",
            "行政区划代码": codes[(county["名称"], township, village)],
        })
    rows[2]["户主"] = "杨䶮"
    rows[5]["户主"] = "吴𠮷"
    return rows


PLACES = {
    "清水县": {"城关镇": ["新寨村", "坪上村", "东门社区"], "龙场镇": ["大河村", "龙井村", "岩脚村"], "白岩乡": ["高坡村", "麻塘村"]},
    "石门县": {"石门镇": ["水口村", "河坝村", "北街社区"], "双龙乡": ["双龙村", "青杠村"], "红岩镇": ["红岩村", "小寨村", "竹林村"]},
}


def place_codes(counties, places):
    """12-digit 统计用区划代码 of the villages: county (6) + township (3) + village (3)."""
    codes = {}
    for county, townships in places.items():
        for t, township in enumerate(sorted(townships), 1):
            for v, village in enumerate(townships[township], 1):
                codes[(county, township, village)] = f"{counties[county]['行政区划代码']}{t:03d}{v:03d}"
    return codes


def regions(county_rows):
    """The code list (区划代码.csv): province, prefectures, counties, and the townships and
    villages of the two counties with households. Townships have 9-digit codes, villages 12."""
    rows = [{"代码": "660000", "名称": "南岭省", "类别": "省"}]
    rows += [{"代码": f"66{p}00", "名称": n, "类别": kind} for p, n, kind, _ in PREFECTURES]
    rows += [{"代码": r["行政区划代码"], "名称": r["名称"], "类别": r["级别"]} for r in county_rows]
    counties = {r["名称"]: r for r in county_rows}
    for county, townships in PLACES.items():
        for t, township in enumerate(sorted(townships), 1):
            code = f"{counties[county]['行政区划代码']}{t:03d}"
            rows.append({"代码": code, "名称": township, "类别": township[-1]})
            for v, village in enumerate(townships[township], 1):
                rows.append({"代码": f"{code}{v:03d}", "名称": village, "类别": "社区" if village.endswith("社区") else "村"})
    return sorted(rows, key=lambda r: r["代码"])


OUT = HERE


def write(path, rows):
    with open(os.path.join(OUT, path), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    n = int(sys.argv[sys.argv.index("--households") + 1]) if "--households" in sys.argv else 2000
    if "--out" in sys.argv:  # somewhere else than this folder (benchmarks)
        OUT = sys.argv[sys.argv.index("--out") + 1]
    cs = counties()
    write("counties.csv", cs)
    write("prefectures.csv", [{"代码": f"66{p}00", "名称": name_, "类别": kind,
                                "部门": "南岭省" + name_ + "人口和计划生育暨流动人口服务管理工作领导小组办公室（卫生健康委员会）"}
                               for p, name_, kind, _ in PREFECTURES])
    write("households.csv", households(cs, n))
    write("区划代码.csv", regions(cs))
    print(f"{len(cs)} counties, {len(PREFECTURES)} prefectures, {n} households")
