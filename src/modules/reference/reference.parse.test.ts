import { describe, expect, it } from "vitest";
import {
  decodeLocodeFunctions,
  deriveRussianNames,
  type FcsVersion,
  HS_SECTIONS,
  type HsNode,
  hsSectionCode,
  hsSectionNumber,
  normalizeHsCode,
  parseFcsChapters,
  parseFcsHeadings,
  parseFcsSections,
  parseLocodeCoordinates,
  parseTnved2017Flat,
  parseTnved2022List,
  pickVersions,
  readReferenceData,
  readReferenceFile,
  sentenceCaseRu,
  stripTnvedDashes,
  validateChineseNationalCode,
} from "./reference.parse.ts";

const started = performance.now();
const data = readReferenceData();
const parseMs = performance.now() - started;

const hsByCode = new Map(data.hs.map((n) => [n.code, n]));
const hs = (code: string): HsNode => {
  const node = hsByCode.get(code);
  if (!node) throw new Error(`no HS node ${code}`);
  return node;
};
const ofLevel = (level: HsNode["level"]): HsNode[] => data.hs.filter((n) => n.level === level);
const isHsSubheading = (hs6: string): boolean => hsByCode.get(hs6)?.level === "subheading";

describe("reading all reference data", () => {
  it("takes well under the load budget", () => {
    console.log(`reference data parsed in ${parseMs.toFixed(0)} ms`);
    // The whole `amur reference load` must take ≤ 10 s with the database; parsing gets a small share.
    expect(parseMs).toBeLessThan(5000);
  });
});

describe("HS 2022 tree", () => {
  it("has the counts the issue states", () => {
    expect(ofLevel("section")).toHaveLength(21);
    expect(ofLevel("chapter")).toHaveLength(97);
    expect(ofLevel("heading")).toHaveLength(1229);
    expect(ofLevel("subheading")).toHaveLength(5613);
  });

  it("counts UN Comtrade's chapter 99 among them, outside any section; chapter 77 is reserved and absent", () => {
    expect(hs("99")).toMatchObject({ level: "chapter", sectionCode: null, parentCode: null });
    expect(hs("9999").parentCode).toBe("99");
    expect(hs("999999").parentCode).toBe("9999");
    expect(hsByCode.has("77")).toBe(false);
    expect(ofLevel("chapter").filter((c) => c.code !== "99")).toHaveLength(96);
  });

  it("uses Roman section codes I..XXI mapped to numbers", () => {
    expect(ofLevel("section").map((s) => s.code)).toEqual([...HS_SECTIONS]);
    expect(hsSectionNumber("XVI")).toBe(16);
    expect(hsSectionCode(9)).toBe("IX");
    expect(hsSectionNumber("XXII")).toBeNull();
    expect(hsSectionCode(22)).toBeNull();
  });

  it("gives every section and chapter a Chinese name marked as the team's translation", () => {
    for (const node of [...ofLevel("section"), ...ofLevel("chapter")]) {
      expect(node.names.zh, node.code).toMatch(/\p{Script=Han}/u);
      expect(node.zhSource, node.code).toBe("amur-team-translation");
    }
    expect(hs("I").names.zh).toBe("活动物；动物产品");
    expect(hs("44").names.zh).toBe("木及木制品；木炭");
    expect(ofLevel("heading").every((n) => n.names.zh === null && n.zhSource === undefined)).toBe(true);
  });

  it("links every node to an existing parent one level up, in the same section, parents first", () => {
    const up: Record<HsNode["level"], HsNode["level"] | null> = {
      section: null,
      chapter: "section",
      heading: "chapter",
      subheading: "heading",
      national: "subheading",
    };
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const node of data.hs) {
      if (node.parentCode === null) {
        if (node.level !== "section" && node.code !== "99") problems.push(`${node.code}: no parent`);
      } else {
        const parent = hsByCode.get(node.parentCode);
        if (!parent || parent.level !== up[node.level])
          problems.push(`${node.code}: parent ${node.parentCode}`);
        else if (parent.level !== "section" && !node.code.startsWith(parent.code))
          problems.push(`${node.code}: prefix`);
        else if (node.sectionCode !== parent.sectionCode) problems.push(`${node.code}: section`);
        else if (!seen.has(parent.code)) problems.push(`${node.code}: before its parent`);
      }
      if (seen.has(node.code)) problems.push(`${node.code}: duplicate`);
      seen.add(node.code);
    }
    expect(problems).toEqual([]);
  });

  it("has English names for every HS level and none for national lines", () => {
    for (const level of ["section", "chapter", "heading", "subheading"] as const) {
      expect(ofLevel(level).every((n) => n.names.en !== null && n.names.en !== "")).toBe(true);
    }
    expect(ofLevel("national").every((n) => n.names.en === null)).toBe(true);
  });

  it("spot-checks names in three languages", () => {
    expect(hs("4407").names.en).toMatch(/^Wood sawn or chipped lengthwise/);
    expect(hs("4407").names.ru).toMatch(/^Лесоматериалы, полученные распиловкой или расщеплением вдоль/);
    expect(hs("0808").names.en).toBe("Apples, pears and quinces; fresh");
    expect(hs("0808").names.ru).toBe("Яблоки, груши и айва, свежие");
    expect(hs("2701").names.en).toMatch(/^Coal; briquettes/);
    expect(hs("2701").names.ru).toMatch(/^Уголь каменный/);
    expect(hs("4011").names.en).toBe("New pneumatic tyres, of rubber");
    expect(hs("4011").names.ru).toBe("Шины и покрышки пневматические резиновые новые");
    expect(hs("4403").names.ru).toContain("Лесоматериалы");
    expect(hs("44").names).toEqual({
      en: "Wood and articles of wood; wood charcoal",
      ru: "Древесина и изделия из нее; древесный уголь",
      zh: "木及木制品；木炭",
    });
    expect(hs("I").names.ru).toBe("Живые животные; продукты животного происхождения");
  });

  it("hands explicit nulls for absent languages", () => {
    expect(hs("2709").names).toEqual({
      en: "Petroleum oils and oils obtained from bituminous minerals; crude",
      ru: null,
      zh: null,
    });
  });
});

describe("Russian names from the TN VED files", () => {
  it("takes sections, chapters and headings from the FCS version in force on 2022-01-01", () => {
    expect(ofLevel("section").every((n) => n.ruSource === "fcs" && n.validFrom === "2022-01-01")).toBe(true);
    expect(ofLevel("chapter").filter((n) => n.names.ru !== null)).toHaveLength(96);
    expect(ofLevel("heading").filter((n) => n.names.ru !== null)).toHaveLength(957);
    expect(hs("54").names.ru).toBe(
      "Химические нити; плоские и аналогичные нити из химических текстильных материалов",
    );
  });

  it("leaves out wording that expired before HS 2022", () => {
    // 8548 in force until 2021 still named battery waste, which HS 2022 moved to 8549.
    expect(hs("8548").names.ru).toBeNull();
    expect(hs("9503").names.ru).toBeNull();
  });

  it("agrees with HS on which section each chapter belongs to", () => {
    const ru = deriveRussianNames({
      sections: parseFcsSections(readReferenceFile("fcsSections")),
      chapters: parseFcsChapters(readReferenceFile("fcsChapters")),
      headings: parseFcsHeadings(readReferenceFile("fcsHeadings")),
      list2022: [],
      flat2017: [],
    });
    expect(ru.chapterSections.size).toBe(96);
    for (const [chapter, fcsSection] of ru.chapterSections) {
      expect(hs(chapter).sectionCode, chapter).toBe(hsSectionCode(Number(fcsSection)));
    }
  });

  it("names 6-digit subheadings only where the lists give the name faithfully", () => {
    expect(hs("010130").names.ru).toBe("ослы");
    expect(hs("010130").ruSource).toBe("tnved-2022-list");
    expect(hs("010121").names.ru).toBe("лошади: чистопородные племенные животные");
    expect(hs("010121").ruSource).toBe("tnved-2022-list+2017-flat");
    expect(hs("010129").names.ru).toBe("лошади: прочие");
    expect(hs("010129").ruSource).toBe("tnved-2017-flat+2022-list-children");
    // Carp's species list changed in 2022; the 2017 wording must not stand in for it.
    expect(hs("030193").names.ru).toBeNull();
    const named = ofLevel("subheading").filter((n) => n.names.ru !== null);
    expect(named.length).toBeGreaterThan(3500);
  });

  it("keeps names clean of dashes, trailing colons and editorial residue", () => {
    const dirty = data.hs.filter((node) => {
      const ru = node.names.ru;
      if (ru === null) return false;
      return (
        /^[-\s]|\s$|комиссии от \d|<\d+>/.test(ru) ||
        (node.level !== "national" && ru.endsWith(":")) ||
        ru === ""
      );
    });
    expect(dirty.map((n) => `${n.code} ${n.names.ru}`)).toEqual([]);
  });

  it("loads EAEU 10-digit national lines under their HS subheadings", () => {
    const national = ofLevel("national");
    expect(national).toHaveLength(12715);
    expect(national.every((n) => /^\d{10}$/.test(n.code) && n.scheme === "TNVED")).toBe(true);
    expect(hs("0101210000")).toMatchObject({
      level: "national",
      parentCode: "010121",
      sectionCode: "I",
      names: { en: null, ru: "чистопородные племенные животные", zh: null },
      validFrom: "2022-01-01",
    });
    expect(hs("4403110001").names.ru).toMatch(/^бревна из древесины хвойных пород/);
    expect(
      national.filter((n) => n.validFrom !== undefined && n.validFrom > "2022-01-01").length,
    ).toBeGreaterThan(0);
  });

  it("restores names the 2022 list cut at 200 characters where the 2017 list has the same text", () => {
    const restored = hs("8430410002");
    expect(restored.ruSource).toBe("tnved-2022-list+2017-flat");
    expect(restored.ruTruncated).toBeUndefined();
    expect(restored.names.ru).toMatch(/^машины проходческие для добычи угля .* погрузочным оборудованием/);
    // Carp's 2022 species list differs from 2017's, so its cut text stays cut and flagged.
    expect(hs("0301930000").ruTruncated).toBe(true);
    expect(ofLevel("national").filter((n) => n.ruTruncated).length).toBeLessThan(200);
  });
});

describe("TN VED helpers", () => {
  const v = (code: string, validFrom: string, validTo: string | null, name = code): FcsVersion => ({
    code,
    name,
    validFrom,
    validTo,
  });

  it("picks the version in force on 2022-01-01, else a later one, never an expired one", () => {
    const picked = pickVersions([
      v("0101", "2017-01-01", "2021-12-31", "old"),
      v("0101", "2022-01-01", null, "new"),
      v("0102", "2023-04-09", null, "later"),
      v("8548", "2017-01-01", "2021-12-31", "stale"),
    ]);
    expect(picked.get("0101")?.name).toBe("new");
    expect(picked.get("0102")?.name).toBe("later");
    expect(picked.has("8548")).toBe(false);
  });

  it("strips level dashes and counts them", () => {
    expect(stripTnvedDashes("- - - убойные")).toEqual({ depth: 3, text: "убойные" });
    expect(stripTnvedDashes("- ослы")).toEqual({ depth: 1, text: "ослы" });
    expect(stripTnvedDashes("- - α-олефины")).toEqual({ depth: 2, text: "α-олефины" });
  });

  it("sentence-cases FCS capitals, keeping Latin words and formulas", () => {
    expect(sentenceCaseRu("ДРЕВЕСИНА И ИЗДЕЛИЯ ИЗ НЕЕ; ДРЕВЕСНЫЙ УГОЛЬ")).toBe(
      "Древесина и изделия из нее; древесный уголь",
    );
    expect(sentenceCaseRu("ИСТОЧНИКИ СВЕТА СВЕТОДИОДНЫЕ (LED)")).toBe("Источники света светодиодные (LED)");
    expect(sentenceCaseRu("В ПЕРЕСЧЕТЕ НА H3BO3")).toBe("В пересчете на H3BO3");
    expect(sentenceCaseRu("ФОТО- И КИНОТОВАРЫ")).toBe("Фото- и кинотовары");
  });

  it("parses list lines and 2017 paths", () => {
    const [line] = [
      ...parseTnved2022List(
        "code10,heading4,chapter2,section,name_ru,valid_from\n0101300000,0101,01,01,- ослы <5>,2022-01-01\n",
      ),
    ];
    expect(line).toMatchObject({
      code: "0101300000",
      depth: 1,
      text: "ослы",
      truncated: false,
      validFrom: "2022-01-01",
    });
    const [row] = [
      ...parseTnved2017Flat(
        'code,code_length,description_ru_path\n071310900,9,"прочий: комиссии от 25.06.2013 N 139"\n',
      ),
    ];
    expect(row).toEqual({ code: "071310900", segments: ["прочий:"] });
  });
});

describe("code helpers", () => {
  it("normalizes codes as people type them", () => {
    expect(normalizeHsCode("8702 10 119 2")).toBe("8702101192");
    expect(normalizeHsCode(" 4407.11 ")).toBe("440711");
    expect(normalizeHsCode("0101.21.00\u00a000")).toBe("0101210000");
    expect(normalizeHsCode("xvi")).toBe("XVI");
  });

  it("validates a Chinese 8-digit tariff line", () => {
    expect(validateChineseNationalCode("44071100", isHsSubheading)).toMatchObject({
      valid: true,
      normalized: "44071100",
      tariffLine: "44071100",
      supplementaryCode: null,
      hs6: "440711",
      errors: [],
    });
  });

  it("validates a Chinese 10-digit code with a supplementary code", () => {
    expect(validateChineseNationalCode("2934.9990.01", isHsSubheading)).toMatchObject({
      valid: true,
      normalized: "2934999001",
      tariffLine: "29349990",
      supplementaryCode: "01",
    });
    expect(validateChineseNationalCode("0902209000", isHsSubheading).valid).toBe(true);
  });

  it("rejects a bad length", () => {
    for (const code of ["4407", "440711", "4407110", "440711000", "44071100000"]) {
      const result = validateChineseNationalCode(code, isHsSubheading);
      expect(result.valid, code).toBe(false);
      expect(
        result.errors.map((e) => e.code),
        code,
      ).toEqual(["BAD_LENGTH"]);
    }
  });

  it("rejects non-digits and empty input", () => {
    expect(validateChineseNationalCode("4407A100", isHsSubheading).errors[0]?.code).toBe("NOT_DIGITS");
    expect(validateChineseNationalCode("4407-1100", isHsSubheading).errors[0]?.code).toBe("NOT_DIGITS");
    expect(validateChineseNationalCode("  ", isHsSubheading).errors[0]?.code).toBe("EMPTY");
  });

  it("rejects a code whose first 6 digits are not an HS 2022 subheading", () => {
    // 4403 20 was split in HS 2022; 7700 is a reserved chapter.
    for (const code of ["44032000", "7700000000", "44070000"]) {
      const result = validateChineseNationalCode(code, isHsSubheading);
      expect(result.valid, code).toBe(false);
      expect(
        result.errors.map((e) => e.code),
        code,
      ).toEqual(["UNKNOWN_HS_SUBHEADING"]);
    }
  });
});

describe("UN/LOCODE", () => {
  it("converts DDMMN DDDMME coordinates to decimal degrees", () => {
    expect(parseLocodeCoordinates("5014N 12729E")).toEqual({ lat: 50.233333, lon: 127.483333 });
    expect(parseLocodeCoordinates("4935N 11723E")).toEqual({ lat: 49.583333, lon: 117.383333 });
    expect(parseLocodeCoordinates("3352S 15112E")).toEqual({ lat: -33.866667, lon: 151.2 });
    expect(parseLocodeCoordinates("4043N 07400W")).toEqual({ lat: 40.716667, lon: -74 });
    expect(parseLocodeCoordinates("0000N 00000E")).toEqual({ lat: 0, lon: 0 });
  });

  it("rejects malformed or impossible coordinates", () => {
    for (const value of [
      "",
      "2275N 11461E",
      "5016N 12760E",
      "9130N 00000E",
      "8959N 18100E",
      "5016 12731",
      "50.2N 127.5E",
    ]) {
      expect(parseLocodeCoordinates(value), value).toBeNull();
    }
  });

  it("decodes function classifiers", () => {
    expect(decodeLocodeFunctions("1-----7-")).toEqual(["port", "fixed_transport"]);
    expect(decodeLocodeFunctions("123----B")).toEqual(["port", "rail", "road", "border_crossing"]);
    expect(decodeLocodeFunctions("--34----")).toEqual(["road", "airport"]);
    expect(decodeLocodeFunctions("0-------")).toEqual(["not_official"]);
    expect(decodeLocodeFunctions("--------")).toEqual([]);
    expect(() => decodeLocodeFunctions("--Z-----")).toThrow(/unknown/);
  });

  it("reads CN from edition 2018-1 and RU from 2024-2, with ISO subdivisions", () => {
    const locations = data.unlocode.locations;
    const heihe = locations.find((l) => l.locode === "CNHEK");
    expect(heihe).toMatchObject({
      name: "Heihe",
      subdivision: "23",
      subdivisionIso: "CN-HL",
      functions: ["port", "fixed_transport"],
      status: "AS",
      coordinates: { lat: 50.233333, lon: 127.483333 },
      edition: "2018-1",
    });
    expect(locations.find((l) => l.locode === "RUBLG")).toMatchObject({
      subdivisionIso: "RU-AMU",
      edition: "2024-2",
      coordinates: { lat: 50.266667, lon: 127.516667 },
    });
    expect(locations.filter((l) => l.country === "CN")).toHaveLength(1642);
    expect(locations.filter((l) => l.country === "RU")).toHaveLength(857);
    expect(locations.filter((l) => l.locode === "RUYEK")).toHaveLength(1);
    expect(new Set(locations.map((l) => l.locode)).size).toBe(locations.length);
    expect(locations.filter((l) => l.subdivision !== null && l.subdivisionIso === null)).toEqual([]);
    expect(data.unlocode.badCoordinates).toBeGreaterThan(0);
    const bad = locations.filter((l) => l.coordinatesRaw !== null);
    expect(bad).toHaveLength(data.unlocode.badCoordinates);
    expect(bad.every((l) => l.coordinates === null)).toBe(true);
  });
});

describe("countries and currencies", () => {
  it("has ISO 3166 countries with Chinese and Russian names", () => {
    expect(data.countries).toHaveLength(249);
    expect(data.countries.find((c) => c.alpha2 === "CN")).toMatchObject({
      alpha3: "CHN",
      numeric: "156",
      names: { en: "China", ru: "Китай", zh: "中国" },
      currencyCodes: ["CNY"],
    });
    expect(data.countries.find((c) => c.alpha2 === "RU")).toMatchObject({
      alpha3: "RUS",
      numeric: "643",
      names: { ru: "Российская Федерация", zh: "俄罗斯联邦" },
    });
    expect(data.countries.find((c) => c.alpha2 === "AF")?.numeric).toBe("004");
    expect(data.countries.find((c) => c.alpha2 === "NA")?.names.en).toBe("Namibia");
  });

  it("has ISO 4217 currencies with minor units, withdrawn ones flagged", () => {
    const byCode = new Map(data.currencies.map((c) => [c.code, c]));
    expect(byCode.get("RUB")).toMatchObject({ numeric: "643", minorUnit: 2, current: true, withdrawn: null });
    expect(byCode.get("CNY")).toMatchObject({ numeric: "156", minorUnit: 2, current: true });
    expect(byCode.get("JPY")?.minorUnit).toBe(0);
    expect(byCode.get("BHD")?.minorUnit).toBe(3);
    expect(byCode.get("XAU")).toMatchObject({ minorUnit: null, current: true });
    expect(byCode.get("RUR")).toMatchObject({ current: false, withdrawn: "2004-01", numeric: "810" });
    expect(data.currencies.filter((c) => c.current)).toHaveLength(178);
    expect(new Set(data.currencies.map((c) => c.code)).size).toBe(data.currencies.length);
  });
});

describe("border ports", () => {
  const pair = (id: string) => {
    const found = data.ports.find((p) => p.id === id);
    if (!found) throw new Error(`no port pair ${id}`);
    return found;
  };

  it("lists every China–Russia crossing of DOMAIN-SOURCES §4", () => {
    const zh = data.ports.map((p) => p.cn.name.zh).sort();
    expect(zh).toEqual(
      [
        "满洲里",
        "室韦",
        "黑山头",
        "二卡",
        "漠河",
        "黑河",
        "逊克",
        "嘉荫",
        "萝北",
        "同江",
        "抚远",
        "饶河",
        "虎林",
        "密山",
        "绥芬河",
        "东宁",
        "珲春",
        "孙吴",
        "富锦",
      ].sort(),
    );
  });

  it("has Heihe–Blagoveshchensk with the road bridge opened on 2022-06-10 and its design capacity", () => {
    const heihe = pair("heihe-blagoveshchensk");
    expect(heihe.cn.name).toEqual({ zh: "黑河", ru: "Хэйхэ", en: "Heihe" });
    expect(heihe.ru?.name).toEqual({ zh: "布拉戈维申斯克", ru: "Благовещенск", en: "Blagoveshchensk" });
    expect(heihe.ru?.region.names.ru).toBe("Амурская область");
    expect(heihe.cn.region.names.zh).toBe("黑龙江省");
    expect(heihe.modes).toEqual(expect.arrayContaining(["river", "road", "bridge"]));
    const opened = heihe.facts.find((f) => f.kind === "opened");
    expect(opened?.date).toBe("2022-06-10");
    expect(opened?.sources.length).toBeGreaterThan(0);
    expect(heihe.capacity).toMatchObject({
      vehiclesPerDay: 794,
      trucksPerDay: 630,
      busesPerDay: 164,
      basis: "design",
    });
    expect(heihe.status).toBe("open");
  });

  it("marks unconfirmed counterparts instead of inventing them", () => {
    for (const id of ["heishantou", "erka", "fuyuan", "hulin", "sunwu", "fujin"]) {
      const p = pair(id);
      expect(p.ru === null || p.ru.confirmed === false, id).toBe(true);
      expect(p.unconfirmed, id).toContain("ru");
    }
    expect(pair("jiayin-pashkovo").status).toBe("temporarily_closed");
  });

  it("records only LOCODEs that exist in the shipped UN/LOCODE files, with their coordinates", () => {
    const byLocode = new Map(data.unlocode.locations.map((l) => [l.locode, l]));
    const simplify = (s: string): string => s.toLowerCase().replace(/['’\s-]/g, "");
    const places = data.ports.flatMap((p) => [p.cn, ...(p.ru ? [p.ru] : [])]);
    const checkpoints = places.flatMap((s) => s.checkpoints);
    let withLocode = 0;
    for (const place of [...places, ...checkpoints]) {
      if (place.locode === null) continue;
      withLocode++;
      const location = byLocode.get(place.locode);
      expect(location, place.locode).toBeDefined();
      expect(simplify(location?.name ?? ""), place.locode).toBe(simplify(place.name.en));
      if (place.coordinates?.basis === "unlocode")
        expect(place.coordinates).toMatchObject(location?.coordinates ?? {});
      else expect(location?.coordinates ?? null, `${place.locode} has UN/LOCODE coordinates`).toBeNull();
    }
    for (const side of places) {
      if (side.locodeMatch === "name+subdivision") {
        expect(byLocode.get(side.locode ?? "")?.subdivisionIso, side.locode ?? "").toBe(side.region.code);
      }
      if (side.coordinates?.basis === "unlocode") expect(side.locode).not.toBeNull();
    }
    expect(withLocode).toBeGreaterThanOrEqual(20);
  });

  it("gives every pair sources, every fact a source, and no sample values", () => {
    for (const p of data.ports) {
      expect(p.sources.length, p.id).toBeGreaterThan(0);
      expect(p.facts.every((f) => f.sources.length > 0)).toBe(true);
      expect(p.sample).toBe(false);
      const c = p.capacity;
      if (c.vehiclesPerDay !== null || c.wagonsPerDay !== null || c.tonnesPerDay !== null) {
        expect(c.sources.length, p.id).toBeGreaterThan(0);
      }
    }
  });
});
