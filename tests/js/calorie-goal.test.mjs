// Unit tests for static/js/calorie-goal.js: `node --test tests/js/`
// (Node 20+, no dependencies). The module is plain ESM in a folder without a
// package.json; Node ≥ 20.19 detects that by its syntax. Older Node 20 releases
// do not, so fall back to loading the same source as a data: URL.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

const url = new URL("../../static/js/calorie-goal.js", import.meta.url);
let cg;
try {
  cg = await import(url);
} catch (err) {
  // Node < 20.19 reads the file as CommonJS: "Unexpected token 'export'".
  const src = await readFile(url, "utf8");
  try {
    cg = await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(src)}`);
  } catch {
    throw err;
  }
}
const {
  ACTIVITY_FACTORS, ACTIVITY_LEVELS, FLOORS, GOALS, LIMITS,
  calorieGoal, mifflinStJeor, dailyAdjustment,
  feetInchesToCm, cmToFeetInches, lbToKg, kgToLb,
  parseNumber, validateInputs, formatKcal, describeGoal, makeWords, problemsText,
} = cg;

// The script's words are salve's strings tables, as the form carries them:
// the `[calculator_script]` table of src/i18n/<language>.toml. The tables are
// flat TOML (a header, then `key = "text"` lines), which this reads.
async function scriptStrings(language) {
  const text = await readFile(new URL(`../../src/i18n/${language}.toml`, import.meta.url), "utf8");
  const strings = {};
  let table = "";
  for (const line of text.split("\n")) {
    const header = line.match(/^\[(\w+)\]\s*$/);
    if (header) table = header[1];
    const entry = line.match(/^(\w+) = (".*")\s*$/);
    if (entry && table === "calculator_script") strings[entry[1]] = JSON.parse(entry[2]);
  }
  assert.ok(Object.keys(strings).length > 30, `${language}: the table was read`);
  return strings;
}
const en = makeWords(await scriptStrings("en"), "en");
const es = makeWords(await scriptStrings("es"), "es");

const close = (actual, expected, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} ≉ ${expected}`);

const woman = { sex: "female", age: 30, heightCm: 165, weightKg: 70, activity: "sedentary", lbPerWeek: 0 };
const man = { sex: "male", age: 40, heightCm: 180, weightKg: 85, activity: "moderate", lbPerWeek: 0 };

describe("Mifflin–St Jeor", () => {
  test("30-year-old woman, 165 cm, 70 kg, sedentary, maintain → 1,704 kcal", () => {
    const r = calorieGoal(woman);
    close(r.bmr, 1420.25);
    close(r.maintenance, 1704.3);
    close(r.target, 1704.3);
    assert.equal(r.adjustment, 0);
    assert.equal(r.factor, 1.2);
    assert.equal(r.floor, 1200);
    assert.equal(r.belowFloor, false);
    assert.equal(formatKcal(r.target, "en"), "1,704");
    assert.equal(formatKcal(r.bmr, "en"), "1,420");
  });

  test("40-year-old man, 180 cm, 85 kg, moderate → BMR 1,780, 2,759 kcal", () => {
    // 850 + 1125 − 200 + 5 = 1780; × 1.55 = 2759
    const r = calorieGoal(man);
    close(r.bmr, 1780);
    close(r.maintenance, 2759);
    assert.equal(r.floor, 1500);
    assert.equal(formatKcal(r.target, "en"), "2,759");
  });

  test("men and women differ by 166 kcal of BMR", () => {
    const p = { age: 50, heightCm: 170, weightKg: 75 };
    close(mifflinStJeor({ ...p, sex: "male" }) - mifflinStJeor({ ...p, sex: "female" }), 166);
  });

  test("each activity factor", () => {
    const expected = { sedentary: 1.2, light: 1.375, moderate: 1.55, very: 1.725, extra: 1.9 };
    assert.deepEqual({ ...ACTIVITY_FACTORS }, expected);
    assert.deepEqual(ACTIVITY_LEVELS.map((a) => a.key), Object.keys(expected));
    for (const [key, factor] of Object.entries(expected)) {
      const r = calorieGoal({ ...woman, activity: key });
      close(r.maintenance, 1420.25 * factor);
      close(r.target, 1420.25 * factor);
      // A factor given as a number works the same.
      close(calorieGoal({ ...woman, activity: factor }).target, 1420.25 * factor);
    }
    assert.equal(formatKcal(calorieGoal({ ...woman, activity: "light" }).target, "en"), "1,953"); // 1952.84
    assert.equal(formatKcal(calorieGoal({ ...woman, activity: "moderate" }).target, "en"), "2,201"); // 2201.39
    assert.equal(formatKcal(calorieGoal({ ...woman, activity: "very" }).target, "en"), "2,450"); // 2449.93
    assert.equal(formatKcal(calorieGoal({ ...woman, activity: "extra" }).target, "en"), "2,698"); // 2698.48
  });

  test("gain and lose: ±250, 500, 750, 1000 kcal a day", () => {
    assert.deepEqual([...GOALS], [2, 1.5, 1, 0.5, 0, -0.5, -1, -1.5, -2]);
    const base = calorieGoal(man).maintenance; // 2759
    for (const [lb, kcal] of [[0.5, 250], [1, 500], [1.5, 750], [2, 1000]]) {
      close(dailyAdjustment(lb), kcal);
      close(dailyAdjustment(-lb), -kcal);
      const gain = calorieGoal({ ...man, lbPerWeek: lb });
      const lose = calorieGoal({ ...man, lbPerWeek: -lb });
      close(gain.adjustment, kcal);
      close(gain.target, base + kcal);
      close(lose.adjustment, -kcal);
      close(lose.target, base - kcal);
      assert.equal(lose.belowFloor, false);
    }
    assert.equal(formatKcal(calorieGoal({ ...man, lbPerWeek: -2 }).target, "en"), "1,759");
    assert.equal(formatKcal(calorieGoal({ ...woman, lbPerWeek: 1 }).target, "en"), "2,204");
  });

  test("maintain is the default goal", () => {
    const { lbPerWeek, ...rest } = woman;
    close(calorieGoal(rest).target, 1704.3);
  });
});

describe("floors", () => {
  test("a woman is never shown less than 1,200 kcal", () => {
    // 1704.3 − 750 = 954.3
    const r = calorieGoal({ ...woman, lbPerWeek: -1.5 });
    close(r.rawTarget, 954.3);
    assert.equal(r.belowFloor, true);
    assert.equal(r.target, 1200);
    assert.equal(r.floor, FLOORS.female);
    // Just above the floor: shown as calculated.
    const ok = calorieGoal({ ...woman, lbPerWeek: -0.5 }); // 1454.3
    assert.equal(ok.belowFloor, false);
    close(ok.target, 1454.3);
  });

  test("a man is never shown less than 1,500 kcal", () => {
    // 30-year-old man, 165 cm, 70 kg, sedentary: (1586.25 × 1.2) − 500 = 1403.5
    const r = calorieGoal({ ...woman, sex: "male", lbPerWeek: -1 });
    close(r.bmr, 1586.25);
    close(r.rawTarget, 1403.5);
    assert.equal(r.belowFloor, true);
    assert.equal(r.target, 1500);
    assert.equal(r.floor, FLOORS.male);
    // The same numbers for a woman (1,204.3) are above her floor.
    const w = calorieGoal({ ...woman, lbPerWeek: -1 });
    assert.equal(w.belowFloor, false);
    assert.equal(formatKcal(w.target, "en"), "1,204");
  });

  test("maintenance itself can be below the floor", () => {
    const r = calorieGoal({ sex: "female", age: 90, heightCm: 140, weightKg: 38, activity: "sedentary" });
    // 380 + 875 − 450 − 161 = 644; × 1.2 = 772.8
    close(r.maintenance, 772.8);
    assert.equal(r.target, 1200);
    assert.equal(r.belowFloor, true);
  });
});

describe("units", () => {
  test("5 ft 5 in = 165.1 cm", () => {
    close(feetInchesToCm(5, 5), 165.1, 1e-9);
    close(feetInchesToCm(6, 0), 182.88, 1e-9);
    close(feetInchesToCm(4), 121.92, 1e-9);
    close(feetInchesToCm(7, 6), 228.6, 1e-9);
    assert.deepEqual(cmToFeetInches(165.1), { feet: 5, inches: 5 });
    assert.deepEqual(cmToFeetInches(182), { feet: 6, inches: 0 }); // 71.65 in → 72
  });

  test("154 lb ≈ 69.85 kg", () => {
    close(lbToKg(154), 69.85322, 1e-5);
    close(lbToKg(1), 0.45359237);
    close(kgToLb(70), 154.3236, 1e-4);
    close(kgToLb(lbToKg(200)), 200);
  });

  test("imperial input gives the same result as metric", () => {
    const r = calorieGoal({ ...woman, heightCm: feetInchesToCm(5, 5), weightKg: lbToKg(154) });
    // 698.53 + 1031.875 − 150 − 161 = 1419.41; × 1.2 = 1703.29
    assert.equal(formatKcal(r.target, "en"), "1,703");
  });
});

describe("invalid input is rejected", () => {
  test("calorieGoal throws on out-of-range or missing values", () => {
    const bad = [
      { ...woman, age: 17 },
      { ...woman, age: 101 },
      { ...woman, age: NaN },
      { ...woman, age: "30" },
      { ...woman, sex: "other" },
      { ...woman, sex: undefined },
      { ...woman, heightCm: 100 },
      { ...woman, heightCm: 240 },
      { ...woman, weightKg: 20 },
      { ...woman, weightKg: 400 },
      { ...woman, weightKg: Infinity },
      { ...woman, activity: "couch" },
      { ...woman, activity: 3 },
      { ...woman, activity: undefined },
      { ...woman, lbPerWeek: -3 },
      { ...woman, lbPerWeek: NaN },
    ];
    for (const input of bad) {
      assert.throws(() => calorieGoal(input), (e) => e instanceof RangeError || e instanceof TypeError,
        JSON.stringify(input));
    }
    assert.throws(() => calorieGoal({ ...woman, age: 16 }), /18 and over/);
  });

  test("the edges of the ranges are accepted", () => {
    for (const input of [
      { ...woman, age: 18 }, { ...woman, age: 100 },
      { ...woman, heightCm: 120 }, { ...woman, heightCm: 230 },
      { ...woman, weightKg: 35 }, { ...woman, weightKg: 300 },
      { ...woman, weightKg: lbToKg(77) }, { ...woman, weightKg: lbToKg(660) },
      { ...woman, heightCm: feetInchesToCm(4, 0) }, { ...woman, heightCm: feetInchesToCm(7, 6) },
    ]) {
      assert.doesNotThrow(() => calorieGoal(input), JSON.stringify(input));
    }
  });
});

describe("form values", () => {
  const form = {
    goal: "0", sex: "female", heightUnit: "ftin", heightFt: "5", heightIn: "5", heightCm: "",
    weightUnit: "lb", weightLb: "154", weightKg: "", age: "30", activity: "sedentary",
  };
  const fields = (r) => r.errors.map((e) => e.field);

  test("a complete form converts to metric", () => {
    const r = validateInputs(form, en);
    assert.equal(r.ok, true);
    assert.deepEqual(r.errors, []);
    close(r.input.heightCm, 165.1);
    close(r.input.weightKg, 69.85322, 1e-5);
    assert.equal(r.input.age, 30);
    assert.equal(r.input.lbPerWeek, 0);
    assert.equal(formatKcal(calorieGoal(r.input).target, "en"), "1,703");
  });

  test("metric units", () => {
    const r = validateInputs({ ...form, heightUnit: "cm", heightCm: "165", weightUnit: "kg", weightKg: "70", goal: "-1" }, en);
    assert.equal(r.ok, true);
    assert.deepEqual(r.input, { sex: "female", age: 30, heightCm: 165, weightKg: 70, activity: "sedentary", lbPerWeek: -1 });
    assert.equal(formatKcal(calorieGoal(r.input).target, "en"), "1,204");
  });

  test("a comma decimal and blank inches are accepted", () => {
    const r = validateInputs({ ...form, heightIn: "", weightUnit: "kg", weightKg: "70,5" }, en);
    assert.equal(r.ok, true);
    close(r.input.heightCm, 152.4);
    assert.equal(r.input.weightKg, 70.5);
  });

  test("an empty form names every field", () => {
    const r = validateInputs({ goal: "0", heightUnit: "ftin", weightUnit: "lb" }, en);
    assert.equal(r.ok, false);
    assert.equal(r.input, null);
    assert.deepEqual(fields(r), ["sex", "height", "weight", "age", "activity"]);
  });

  test("under-18s are refused with a clear message", () => {
    const r = validateInputs({ ...form, age: "16" }, en);
    assert.equal(r.ok, false);
    assert.deepEqual(r.errors[0].inputs, ["age"]);
    assert.match(r.errors[0].message, /adults aged 18 and over/);
  });

  test("out-of-range and malformed values", () => {
    const cases = [
      [{ age: "101" }, "age", /18 to 100/],
      [{ age: "30.5" }, "age", /whole years/],
      [{ age: "abc" }, "age", /whole years/],
      [{ heightFt: "3", heightIn: "11" }, "height", /4 ft 0 in to 7 ft 6 in/],
      [{ heightFt: "7", heightIn: "7" }, "height", /4 ft 0 in to 7 ft 6 in/],
      [{ heightIn: "12" }, "height", /0 to 11/],
      [{ heightFt: "5.5" }, "height", /whole feet/],
      [{ heightUnit: "cm", heightCm: "119" }, "height", /120 to 230 cm/],
      [{ heightUnit: "cm", heightCm: "231" }, "height", /120 to 230 cm/],
      [{ heightUnit: "cm", heightCm: "" }, "height", /centimetres/],
      [{ weightLb: "76" }, "weight", /77 to 660 lb/],
      [{ weightLb: "661" }, "weight", /77 to 660 lb/],
      [{ weightLb: "-70" }, "weight", /as a number/],
      [{ weightUnit: "kg", weightKg: "34" }, "weight", /35 to 300 kg/],
      [{ weightUnit: "kg", weightKg: "301" }, "weight", /35 to 300 kg/],
      [{ sex: "" }, "sex", /female or male/],
      [{ activity: "" }, "activity", /how active/],
      [{ goal: "3" }, "goal", /goal/],
    ];
    for (const [change, field, message] of cases) {
      const r = validateInputs({ ...form, ...change }, en);
      assert.equal(r.ok, false, JSON.stringify(change));
      assert.deepEqual(fields(r), [field], JSON.stringify(change));
      assert.match(r.errors[0].message, message);
    }
  });

  test("range edges typed in the form", () => {
    for (const change of [
      { age: "18" }, { age: "100" },
      { heightFt: "4", heightIn: "0" }, { heightFt: "7", heightIn: "6" },
      { heightUnit: "cm", heightCm: "120" }, { heightUnit: "cm", heightCm: "230" },
      { weightLb: "77" }, { weightLb: "660" },
      { weightUnit: "kg", weightKg: "35" }, { weightUnit: "kg", weightKg: "300" },
    ]) {
      const r = validateInputs({ ...form, ...change }, en);
      assert.equal(r.ok, true, JSON.stringify(change));
      assert.doesNotThrow(() => calorieGoal(r.input));
    }
    assert.deepEqual(LIMITS.age, { min: 18, max: 100 });
  });
});

describe("words", () => {
  test("formatKcal rounds and adds thousands separators", () => {
    assert.equal(formatKcal(1704.3, "en"), "1,704");
    assert.equal(formatKcal(1704.5, "en"), "1,705");
    assert.equal(formatKcal(999.4, "en"), "999");
    assert.equal(formatKcal(12345.6, "en"), "12,346");
    assert.equal(formatKcal(-500, "en"), "−500");
    assert.equal(formatKcal(0, "en"), "0");
  });

  test("formatKcal writes numbers in the language's format", () => {
    // Spanish groups thousands with a point, and only from five digits on.
    assert.equal(formatKcal(1704.3, "es"), "1704");
    assert.equal(formatKcal(12345.6, "es"), "12.346");
    assert.equal(formatKcal(-1500, "es"), "−1500");
    assert.equal(formatKcal(12345.6, "de-DE"), "12.346");
    // An empty or malformed language tag still gives a number.
    assert.match(formatKcal(1704.3, ""), /^1.?704$/);
    assert.match(formatKcal(1704.3, "not a tag!"), /^1.?704$/);
  });

  test("parseNumber accepts plain decimals only", () => {
    assert.equal(parseNumber(" 70 "), 70);
    assert.equal(parseNumber("70.5"), 70.5);
    assert.equal(parseNumber("70,5"), 70.5);
    assert.equal(parseNumber(".5"), 0.5);
    for (const s of ["", "abc", "7e1", "-3", "1,000.5", "0x10", "5 ft"]) assert.ok(Number.isNaN(parseNumber(s)), s);
  });

  test("describeGoal", () => {
    assert.equal(describeGoal(0, en), "maintain your weight");
    assert.equal(describeGoal(-1, en), "lose 1 lb a week");
    assert.equal(describeGoal(1.5, en), "gain 1.5 lb a week");
  });

  test("the status line after errors", () => {
    const form = { goal: "0", sex: "female", heightUnit: "cm", heightCm: "165", weightUnit: "kg", weightKg: "70", age: "30", activity: "sedentary" };
    const one = validateInputs({ ...form, age: "" }, en);
    assert.equal(problemsText(one.errors, en), "There is a problem: Enter your age in years.");
    const two = validateInputs({ ...form, age: "", sex: "" }, en);
    assert.equal(problemsText(two.errors, en), "There are 2 problems: Choose female or male. Enter your age in years.");
  });

  test("a hole a string does not name stays; a key the table lacks shows as itself", () => {
    const words = makeWords({ a: "{x} and {y}", b: "{x}" }, "en");
    assert.equal(words.text("a", { x: "{y}" }), "{y} and {y}");
    assert.equal(words.text("b"), "{x}");
    assert.equal(words.text("missing"), "missing");
  });
});

describe("Spanish", () => {
  const form = {
    goal: "0", sex: "female", heightUnit: "cm", heightFt: "", heightIn: "", heightCm: "165",
    weightUnit: "kg", weightLb: "", weightKg: "70", age: "30", activity: "sedentary",
  };

  test("every string the script uses is in both tables, with the same holes", async () => {
    const tables = { en: await scriptStrings("en"), es: await scriptStrings("es") };
    assert.deepEqual(Object.keys(tables.es).sort(), Object.keys(tables.en).sort());
    const holes = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(tables.en)) {
      assert.deepEqual(holes(tables.es[key]), holes(tables.en[key]), key);
    }
    // Every key the script asks for exists: the source names each one.
    const source = await readFile(url, "utf8");
    const asked = new Set([...source.matchAll(/(?:text\(|fail\([^;]*?\], )"(\w+)"/g)].map((m) => m[1]));
    for (const key of ["floor_men", "floor_women", "problem", "problems"]) asked.add(key);
    assert.ok(asked.size > 25, [...asked].join(" "));
    for (const key of asked) assert.ok(Object.hasOwn(tables.en, key), `en has ${key}`);
  });

  test("errors are in Spanish, with numbers in Spanish format", () => {
    const cases = [
      [{ age: "" }, "Escriba su edad en años."],
      [{ age: "101" }, "Escriba una edad de 18 a 100 años."],
      [{ heightCm: "231" }, "Escriba una estatura de 120 a 230 cm."],
      [{ weightUnit: "lb", weightLb: "661" }, "Escriba un peso de 77 a 660 lb."],
      [{ sex: "" }, "Elija mujer u hombre."],
      [{ age: "16" }, /adultos a partir de 18 años/],
    ];
    for (const [change, message] of cases) {
      const r = validateInputs({ ...form, ...change }, es);
      assert.equal(r.ok, false, JSON.stringify(change));
      if (typeof message === "string") assert.equal(r.errors[0].message, message);
      else assert.match(r.errors[0].message, message);
    }
    const two = validateInputs({ ...form, age: "", sex: "" }, es);
    assert.equal(problemsText(two.errors, es), "Hay 2 problemas: Elija mujer u hombre. Escriba su edad en años.");
  });

  test("the result's words and numbers", () => {
    assert.equal(describeGoal(0, es), "mantener su peso");
    assert.equal(describeGoal(1.5, es), "ganar 1,5 lb a la semana");
    assert.equal(describeGoal(-0.5, es), "perder 0,5 lb a la semana");
    assert.equal(es.number(1.375), "1,375");
    const r = calorieGoal({ ...woman, activity: "light" });
    assert.equal(es.text("per_day", { kcal: es.kcal(r.target) }), "1953 kcal al día");
    assert.equal(en.text("per_day", { kcal: en.kcal(r.target) }), "1,953 kcal a day");
    assert.equal(es.text("maintenance", { factor: es.number(r.factor) }), "Mantenimiento, TMB × 1,375");
    assert.equal(es.text("result", { goal: describeGoal(-1, es) }), "Su objetivo diario de calorías para perder 1 lb a la semana:");
    assert.equal(es.kcal(12345.6), "12.346");
  });
});
