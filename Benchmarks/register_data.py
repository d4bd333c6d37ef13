#!/usr/bin/env python3
"""Synthetic register data for Benchmarks/register.sh: one prefecture (660200) of 10 counties ×
25 townships × 20 villages, N households spread over the villages, in the columns of
Examples/南岭省/households.csv, with valid GB 11643 ID numbers (one household in 20 without one, as
the sample has). Deterministic (seeded).

usage: register_data.py OUT_DIR N   -> OUT_DIR/区划代码.csv, OUT_DIR/households.csv
"""
import csv, os, random, sys

CATEGORIES = ["生育重点管理对象", "生育未交清社会抚养费家庭", "已婚育龄夫妇“三代”人员家庭",
              "在育龄期且未达到法定结婚年龄家庭", "出租家庭", "其他应签订家庭"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "明华建国军平志强伟芳秀英敏静丽勇杰涛斌超波辉刚健文红霞玲燕萍宇鹏飞云海东林峰亮成龙"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(county, birth, seq):
    first = f"{county}{birth}{seq:03d}"
    return first + CHECK[sum(int(d) * w for d, w in zip(first, WEIGHTS)) % 11]


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(19)
    os.makedirs(out, exist_ok=True)
    villages = []
    with open(os.path.join(out, "区划代码.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["代码", "名称", "类别"])
        w.writerow(["660000", "南岭省", "省"])
        w.writerow(["660200", "安平市", "市"])
        for c in range(1, 11):
            county = f"6602{c:02d}"
            w.writerow([county, f"县{c}", "县"])
            for t in range(1, 26):
                township = f"{county}{t:03d}"
                w.writerow([township, f"县{c}乡{t}", "乡"])
                for v in range(1, 21):
                    village = f"{township}{v:03d}"
                    w.writerow([village, f"县{c}乡{t}村{v}", "村"])
                    villages.append(village)
    used = set()
    with open(os.path.join(out, "households.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["承诺书编号", "县", "乡镇", "村", "户主", "家庭人口", "类别", "身份证号", "联系电话", "行政区划代码"])
        for i in range(n):
            village = villages[i % len(villages)]
            ident = ""
            if i % 20:
                while True:
                    birth = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                    ident = id_number(village[:6], birth, rng.randint(0, 999))
                    if ident not in used:
                        used.add(ident)
                        break
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            w.writerow([f"{village[:6]}-2025-{i + 1:06d}", "", "", "", name, rng.randint(1, 8), rng.choice(CATEGORIES), ident,
                        f"1{rng.randint(3000000000, 9999999999)}", village])


if __name__ == "__main__":
    main()
