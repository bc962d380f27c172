// calorie-goal.js: the calorie-goal calculator of salve.
//
// Two halves in one small ES module, no dependencies, no build step:
//   1. pure functions (the arithmetic, unit conversions, validation), exported
//      so `node --test` can import this file without a DOM;
//   2. DOM wiring for every `form.calorie-goal` on the page, and the form
//      fetched into each article's calculator card, run only when a
//      `document` exists.
//
// The estimate: Mifflin–St Jeor basal metabolic rate (BMR)
//   men:   10 × kg + 6.25 × cm − 5 × age + 5
//   women: 10 × kg + 6.25 × cm − 5 × age − 161
// × an activity factor = maintenance calories, ± 500 kcal a day per lb a week
// (3,500 kcal per lb ÷ 7 days). The target never goes below 1,200 kcal (women)
// or 1,500 kcal (men); below that we show the floor and send the reader to a
// doctor or registered dietitian.
//
// Every word the script shows comes from the page: the form carries its
// strings table (`[calculator_script]`) as the data- attributes of its
// `[data-cg-strings]` element, and numbers are written in the format of the
// page's language (`lang`), so the script itself holds no language.

// ------------------------------------------------------------------ //
// Constants                                                          //
// ------------------------------------------------------------------ //

/** Activity levels, in the order the form shows them (their words are in the form). */
export const ACTIVITY_LEVELS = Object.freeze([
  Object.freeze({ key: "sedentary", factor: 1.2 }),
  Object.freeze({ key: "light", factor: 1.375 }),
  Object.freeze({ key: "moderate", factor: 1.55 }),
  Object.freeze({ key: "very", factor: 1.725 }),
  Object.freeze({ key: "extra", factor: 1.9 }),
]);

/** key → factor, e.g. ACTIVITY_FACTORS.sedentary === 1.2 */
export const ACTIVITY_FACTORS = Object.freeze(
  Object.fromEntries(ACTIVITY_LEVELS.map((a) => [a.key, a.factor])),
);

/** The goals the form offers, in lb a week: positive gains, negative loses. */
export const GOALS = Object.freeze([2, 1.5, 1, 0.5, 0, -0.5, -1, -1.5, -2]);

export const KCAL_PER_LB = 3500;

/** The lowest daily target shown, by sex. */
export const FLOORS = Object.freeze({ female: 1200, male: 1500 });

export const CM_PER_INCH = 2.54;
export const KG_PER_LB = 0.45359237;

/** Accepted ranges, in the unit the reader types. */
export const LIMITS = Object.freeze({
  age: Object.freeze({ min: 18, max: 100 }),
  heightCm: Object.freeze({ min: 120, max: 230 }),
  heightInches: Object.freeze({ min: 48, max: 90 }), // 4 ft 0 in – 7 ft 6 in
  weightKg: Object.freeze({ min: 35, max: 300 }),
  weightLb: Object.freeze({ min: 77, max: 660 }),
});

// ------------------------------------------------------------------ //
// Unit helpers                                                       //
// ------------------------------------------------------------------ //

/** 5 ft 5 in → 165.1 cm */
export function feetInchesToCm(feet, inches = 0) {
  return (Number(feet) * 12 + Number(inches)) * CM_PER_INCH;
}

/** 165.1 cm → { feet: 5, inches: 5 } (inches rounded to a whole number). */
export function cmToFeetInches(cm) {
  const total = Math.round(Number(cm) / CM_PER_INCH);
  return { feet: Math.floor(total / 12), inches: total % 12 };
}

/** 154 lb → 69.853… kg */
export function lbToKg(lb) {
  return Number(lb) * KG_PER_LB;
}

/** 70 kg → 154.32… lb */
export function kgToLb(kg) {
  return Number(kg) / KG_PER_LB;
}

// ------------------------------------------------------------------ //
// Arithmetic                                                         //
// ------------------------------------------------------------------ //

function isFiniteNumber(x) {
  return typeof x === "number" && Number.isFinite(x);
}

function activityFactor(activity) {
  if (typeof activity === "string" && Object.hasOwn(ACTIVITY_FACTORS, activity)) {
    return ACTIVITY_FACTORS[activity];
  }
  if (isFiniteNumber(activity) && activity >= 1.2 && activity <= 1.9) return activity;
  throw new RangeError(
    `activity must be one of ${Object.keys(ACTIVITY_FACTORS).join(", ")} or a factor from 1.2 to 1.9`,
  );
}

// The pure functions accept the union of the metric and imperial ranges,
// so 77 lb (34.9 kg) and 4 ft 0 in (121.9 cm) pass as well as 35 kg and 120 cm.
const WEIGHT_KG_MIN = Math.min(LIMITS.weightKg.min, lbToKg(LIMITS.weightLb.min)) - 1e-9;
const WEIGHT_KG_MAX = Math.max(LIMITS.weightKg.max, lbToKg(LIMITS.weightLb.max)) + 1e-9;
const HEIGHT_CM_MIN = Math.min(LIMITS.heightCm.min, LIMITS.heightInches.min * CM_PER_INCH) - 1e-9;
const HEIGHT_CM_MAX = Math.max(LIMITS.heightCm.max, LIMITS.heightInches.max * CM_PER_INCH) + 1e-9;

function checkPerson({ sex, age, heightCm, weightKg }) {
  if (sex !== "female" && sex !== "male") throw new RangeError('sex must be "female" or "male"');
  if (!isFiniteNumber(age)) throw new TypeError("age must be a number");
  if (age < LIMITS.age.min) throw new RangeError("this calculator is for adults aged 18 and over");
  if (age > LIMITS.age.max) throw new RangeError("age must be from 18 to 100");
  if (!isFiniteNumber(heightCm)) throw new TypeError("heightCm must be a number");
  if (heightCm < HEIGHT_CM_MIN || heightCm > HEIGHT_CM_MAX) {
    throw new RangeError("heightCm must be from 120 to 230");
  }
  if (!isFiniteNumber(weightKg)) throw new TypeError("weightKg must be a number");
  if (weightKg < WEIGHT_KG_MIN || weightKg > WEIGHT_KG_MAX) {
    throw new RangeError("weightKg must be from 35 to 300");
  }
}

/**
 * Mifflin–St Jeor basal metabolic rate, kcal a day (not rounded).
 * 30-year-old woman, 165 cm, 70 kg → 1420.25
 */
export function mifflinStJeor({ sex, age, heightCm, weightKg }) {
  checkPerson({ sex, age, heightCm, weightKg });
  return 10 * weightKg + 6.25 * heightCm - 5 * age + (sex === "male" ? 5 : -161);
}

/** kcal a day to add for a goal in lb a week: 1 → 500, −1.5 → −750. */
export function dailyAdjustment(lbPerWeek) {
  if (!isFiniteNumber(lbPerWeek) || Math.abs(lbPerWeek) > 2) {
    throw new RangeError("lbPerWeek must be a number from -2 to 2");
  }
  return (lbPerWeek * KCAL_PER_LB) / 7;
}

/**
 * The daily calorie goal. Numbers are not rounded; round for display.
 *
 * @param {{sex: "female"|"male", age: number, heightCm: number, weightKg: number,
 *          activity: string|number, lbPerWeek?: number}} input
 *   activity: a key of ACTIVITY_FACTORS ("sedentary" …) or a factor (1.2 … 1.9);
 *   lbPerWeek: + to gain, − to lose, 0 (default) to maintain; at most 2 either way.
 * @returns {{bmr: number, factor: number, maintenance: number, adjustment: number,
 *            rawTarget: number, target: number, floor: number, belowFloor: boolean}}
 *   target = max(rawTarget, floor); belowFloor tells the caller to say so.
 * @throws {RangeError|TypeError} on input outside the accepted ranges.
 */
export function calorieGoal({ sex, age, heightCm, weightKg, activity, lbPerWeek = 0 }) {
  const bmr = mifflinStJeor({ sex, age, heightCm, weightKg });
  const factor = activityFactor(activity);
  const adjustment = dailyAdjustment(lbPerWeek);
  const maintenance = bmr * factor;
  const rawTarget = maintenance + adjustment;
  const floor = FLOORS[sex];
  const belowFloor = rawTarget < floor;
  return {
    bmr,
    factor,
    maintenance,
    adjustment,
    rawTarget,
    target: belowFloor ? floor : rawTarget,
    floor,
    belowFloor,
  };
}

// ------------------------------------------------------------------ //
// Reading and checking what the reader typed                         //
// ------------------------------------------------------------------ //

/**
 * "70", " 70.5 ", "70,5" → number; "", "abc", "7e1", "-3" → NaN.
 * Only plain non-negative decimals are accepted.
 */
export function parseNumber(text) {
  if (typeof text === "number") return Number.isFinite(text) ? text : NaN;
  if (typeof text !== "string") return NaN;
  let s = text.trim();
  if (/^\d*,\d+$/.test(s)) s = s.replace(",", ".");
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return NaN;
  return Number(s);
}

/**
 * Checks the form's values (strings, as typed) and converts them to metric;
 * error messages are in `words` (see `makeWords`).
 *
 * raw: { goal, sex, age, heightUnit: "ftin"|"cm", heightFt, heightIn, heightCm,
 *        weightUnit: "lb"|"kg", weightLb, weightKg, activity }
 * @returns {{ok: boolean,
 *            errors: Array<{field: string, inputs: string[], key: string, message: string}>,
 *            input: object|null}}
 *   field is one of goal, sex, height, weight, age, activity; inputs are the
 *   names of the form controls at fault; key is the message's string key;
 *   input (when ok) is ready for calorieGoal.
 */
export function validateInputs(raw, words) {
  const errors = [];
  const fail = (field, inputs, key, values) =>
    errors.push({ field, inputs, key, message: words.text(key, values) });
  const range = ({ min, max }) => ({ min: words.number(min), max: words.number(max) });

  // Goal
  const lbPerWeek = parseGoal(raw.goal);
  if (Number.isNaN(lbPerWeek)) fail("goal", ["goal"], "choose_goal");

  // Sex
  const sex = raw.sex;
  if (sex !== "female" && sex !== "male") fail("sex", ["sex"], "choose_sex");

  // Height
  let heightCm = NaN;
  if (raw.heightUnit === "cm") {
    const cm = parseNumber(raw.heightCm ?? "");
    const { min, max } = LIMITS.heightCm;
    if (isBlank(raw.heightCm)) fail("height", ["heightCm"], "height_cm_blank");
    else if (Number.isNaN(cm)) fail("height", ["heightCm"], "height_cm_nan");
    else if (cm < min || cm > max) fail("height", ["heightCm"], "height_cm_range", range(LIMITS.heightCm));
    else heightCm = cm;
  } else {
    const ft = parseNumber(raw.heightFt ?? "");
    const inches = isBlank(raw.heightIn) ? 0 : parseNumber(raw.heightIn);
    if (isBlank(raw.heightFt)) fail("height", ["heightFt"], "height_ft_blank");
    else if (!Number.isInteger(ft)) fail("height", ["heightFt"], "height_ft_whole");
    else if (Number.isNaN(inches)) fail("height", ["heightIn"], "height_in_nan");
    else if (inches >= 12) fail("height", ["heightIn"], "height_in_range");
    else {
      const total = ft * 12 + inches;
      if (total < LIMITS.heightInches.min || total > LIMITS.heightInches.max) {
        fail("height", ["heightFt", "heightIn"], "height_ftin_range");
      } else {
        heightCm = feetInchesToCm(ft, inches);
      }
    }
  }

  // Weight
  let weightKg = NaN;
  if (raw.weightUnit === "kg") {
    const kg = parseNumber(raw.weightKg ?? "");
    const { min, max } = LIMITS.weightKg;
    if (isBlank(raw.weightKg)) fail("weight", ["weightKg"], "weight_kg_blank");
    else if (Number.isNaN(kg)) fail("weight", ["weightKg"], "weight_kg_nan");
    else if (kg < min || kg > max) fail("weight", ["weightKg"], "weight_kg_range", range(LIMITS.weightKg));
    else weightKg = kg;
  } else {
    const lb = parseNumber(raw.weightLb ?? "");
    const { min, max } = LIMITS.weightLb;
    if (isBlank(raw.weightLb)) fail("weight", ["weightLb"], "weight_lb_blank");
    else if (Number.isNaN(lb)) fail("weight", ["weightLb"], "weight_lb_nan");
    else if (lb < min || lb > max) fail("weight", ["weightLb"], "weight_lb_range", range(LIMITS.weightLb));
    else weightKg = lbToKg(lb);
  }

  // Age
  let age = NaN;
  {
    const a = parseNumber(raw.age ?? "");
    if (isBlank(raw.age)) fail("age", ["age"], "age_blank");
    else if (!Number.isInteger(a)) fail("age", ["age"], "age_whole");
    else if (a < LIMITS.age.min) {
      fail("age", ["age"], "age_under");
    } else if (a > LIMITS.age.max) fail("age", ["age"], "age_range", range(LIMITS.age));
    else age = a;
  }

  // Activity
  const activity = raw.activity;
  if (typeof activity !== "string" || !Object.hasOwn(ACTIVITY_FACTORS, activity)) {
    fail("activity", ["activity"], "choose_activity");
  }

  if (errors.length) return { ok: false, errors, input: null };
  return { ok: true, errors, input: { sex, age, heightCm, weightKg, activity, lbPerWeek } };
}

function isBlank(v) {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

function parseGoal(v) {
  const n = typeof v === "number" ? v : Number(v);
  if (typeof v === "string" && v.trim() === "") return NaN;
  return GOALS.includes(n) ? n : NaN;
}

// ------------------------------------------------------------------ //
// Words                                                              //
// ------------------------------------------------------------------ //

/**
 * A number format of `locale` (a language tag such as the page's `lang`),
 * or of the browser's own language when the tag is empty or not one.
 */
function numberFormat(locale, options) {
  try {
    return new Intl.NumberFormat(locale || undefined, options);
  } catch {
    return new Intl.NumberFormat(undefined, options);
  }
}

/**
 * Calories, rounded, in `locale`'s format, with a true minus sign:
 * 1704.3 → "1,704" in "en", "1704" in "es" (which groups from 10,000 on);
 * 12345.6 → "12,346" in "en", "12.346" in "es"; -500 → "−500".
 */
export function formatKcal(n, locale) {
  const r = Math.round(Math.abs(n));
  const s = numberFormat(locale, { maximumFractionDigits: 0 }).format(r);
  return n < 0 && r !== 0 ? `−${s}` : s;
}

/**
 * The calculator's words: `strings` (key → text with `{name}` holes, the
 * `[calculator_script]` table of the page's language) with numbers written
 * in `locale`'s format. A key the table lacks shows as itself, so a gap is
 * seen rather than silent.
 */
export function makeWords(strings, locale) {
  const numbers = numberFormat(locale, { maximumFractionDigits: 3 });
  const number = (n) => numbers.format(n);
  const text = (key, values = {}) => {
    const template = Object.hasOwn(strings, key) ? String(strings[key]) : key;
    // One pass, so a value with braces in it stays as it is.
    return template.replace(/\{(\w+)\}/g, (hole, name) => (Object.hasOwn(values, name) ? String(values[name]) : hole));
  };
  return { text, number, kcal: (n) => formatKcal(n, locale) };
}

/** 0 → "maintain your weight", -1 → "lose 1 lb a week", 0.5 → "gain 0.5 lb a week" (in `words`) */
export function describeGoal(lbPerWeek, words) {
  if (lbPerWeek === 0) return words.text("maintain");
  return words.text(lbPerWeek > 0 ? "gain" : "lose", { n: words.number(Math.abs(lbPerWeek)) });
}

/**
 * The status line after a form is sent with errors: "There is a problem:"
 * or "There are 3 problems:", then every message.
 */
export function problemsText(errors, words) {
  const n = errors.length;
  const head = n === 1 ? words.text("problem") : words.text("problems", { n: words.number(n) });
  return `${head} ${errors.map((e) => e.message).join(" ")}`;
}

// ------------------------------------------------------------------ //
// DOM                                                                //
// ------------------------------------------------------------------ //

/** The fields that show errors, in the form's order. */
const FIELDS = ["goal", "sex", "height", "weight", "age", "activity"];

/** Wires one `form.calorie-goal`. Exported for tests in a browser. */
export function wireCalculator(form) {
  if (form.dataset.cgWired) return;
  form.dataset.cgWired = "true";
  form.noValidate = true;
  form.hidden = false;

  const el = (name) => form.elements.namedItem(name);
  const result = form.querySelector("[data-cg-result]");
  const status = form.querySelector("[data-cg-status]");
  const table = form.querySelector("[data-cg-strings]");
  // A form fetched into an article's card has left its own <html lang>
  // behind; it is in the language of the page that shows it.
  const lang = form.closest("[lang]")?.lang || document.documentElement.lang;
  const words = makeWords(table ? { ...table.dataset } : {}, lang);
  let submitted = false;

  function value(name) {
    const item = el(name);
    if (!item) return "";
    // RadioNodeList has .value; a lone radio must be checked to count.
    if (item instanceof HTMLInputElement && item.type === "radio") return item.checked ? item.value : "";
    return item.value ?? "";
  }

  function readRaw() {
    return {
      goal: value("goal"),
      sex: value("sex"),
      heightUnit: value("heightUnit") || "ftin",
      heightFt: value("heightFt"),
      heightIn: value("heightIn"),
      heightCm: value("heightCm"),
      weightUnit: value("weightUnit") || "lb",
      weightLb: value("weightLb"),
      weightKg: value("weightKg"),
      age: value("age"),
      activity: value("activity"),
    };
  }

  function fieldControls(field) {
    return Array.from(form.querySelectorAll(`[data-cg-field="${field}"] input, [data-cg-field="${field}"] select`))
      .filter((c) => c.name !== "heightUnit" && c.name !== "weightUnit");
  }

  function setDescribedBy(node, id, on) {
    const ids = (node.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const has = ids.includes(id);
    if (on && !has) ids.push(id);
    if (!on && has) ids.splice(ids.indexOf(id), 1);
    if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
    else node.removeAttribute("aria-describedby");
  }

  function showFieldError(field, error) {
    const box = form.querySelector(`[data-cg-field="${field}"]`);
    const msg = form.querySelector(`[data-cg-error="${field}"]`);
    if (!box || !msg) return;
    const bad = new Set(error ? error.inputs : []);
    for (const c of fieldControls(field)) {
      const invalid = bad.has(c.name);
      if (invalid) c.setAttribute("aria-invalid", "true");
      else c.removeAttribute("aria-invalid");
      // Radios: the fieldset carries the description; text inputs and selects carry it themselves.
      if (c.type !== "radio") setDescribedBy(c, msg.id, invalid);
    }
    if (box.tagName === "FIELDSET") setDescribedBy(box, msg.id, Boolean(error));
    box.classList.toggle("calc-field-invalid", Boolean(error));
    msg.textContent = error ? error.message : "";
    msg.hidden = !error;
  }

  function hasShownError(field) {
    const msg = form.querySelector(`[data-cg-error="${field}"]`);
    return Boolean(msg && !msg.hidden);
  }

  function renderErrors(errors, { all }) {
    const byField = new Map(errors.map((e) => [e.field, e]));
    for (const field of FIELDS) {
      if (all || hasShownError(field)) showFieldError(field, byField.get(field));
    }
  }

  function clearResult() {
    result.replaceChildren();
    result.classList.remove("calc-result-shown");
  }

  function p(className, ...parts) {
    const node = document.createElement("p");
    if (className) node.className = className;
    node.append(...parts);
    return node;
  }

  function strong(text) {
    const s = document.createElement("strong");
    s.textContent = text;
    return s;
  }

  function renderResult(input, r) {
    const nodes = [];
    const w = words;
    const goal = describeGoal(input.lbPerWeek, w);
    nodes.push(p("calc-result-label", w.text("result", { goal })));
    nodes.push(p("calc-result-target", strong(w.text("per_day", { kcal: w.kcal(r.target) }))));
    if (r.belowFloor) {
      const rest = input.sex === "male" ? "floor_men" : "floor_women";
      nodes.push(p("calc-result-floor",
        strong(`${w.text("floor")} `),
        w.text(rest, { raw: w.kcal(r.rawTarget), floor: w.kcal(r.floor) })));
    }
    const dl = document.createElement("dl");
    dl.className = "calc-breakdown";
    const row = (term, desc) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = desc;
      dl.append(dt, dd);
    };
    row(w.text("bmr"), w.text("kcal", { kcal: w.kcal(r.bmr) }));
    row(w.text("maintenance", { factor: w.number(r.factor) }), w.text("kcal", { kcal: w.kcal(r.maintenance) }));
    if (input.lbPerWeek !== 0) {
      const sign = input.lbPerWeek > 0 ? "+" : "";
      row(w.text("to_goal", { goal }), w.text("kcal", { kcal: `${sign}${w.kcal(r.adjustment)}` }));
    }
    nodes.push(dl);
    nodes.push(p("calc-result-note", w.text("note")));
    result.replaceChildren(...nodes);
    result.classList.add("calc-result-shown");
  }

  function run({ fromSubmit }) {
    const { ok, errors, input } = validateInputs(readRaw(), words);
    if (!ok) {
      renderErrors(errors, { all: fromSubmit || submitted });
      if (fromSubmit) {
        clearResult();
        status.textContent = problemsText(errors, words);
        const first = form.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      } else if (submitted) {
        clearResult();
      }
      return;
    }
    renderErrors([], { all: true });
    status.textContent = "";
    renderResult(input, calorieGoal(input));
  }

  function setUnit(kind, unit, convert) {
    for (const group of form.querySelectorAll(`[data-cg-unit-group="${kind}"]`)) {
      group.hidden = group.dataset.cgUnit !== unit;
    }
    if (!convert) return;
    if (kind === "height") {
      const ftEl = el("heightFt"), inEl = el("heightIn"), cmEl = el("heightCm");
      if (unit === "cm") {
        const ft = parseNumber(ftEl.value), inches = inEl.value.trim() === "" ? 0 : parseNumber(inEl.value);
        if (!Number.isNaN(ft) && !Number.isNaN(inches)) cmEl.value = String(Math.round(feetInchesToCm(ft, inches)));
      } else {
        const cm = parseNumber(cmEl.value);
        if (!Number.isNaN(cm) && cm > 0) {
          const { feet, inches } = cmToFeetInches(cm);
          ftEl.value = String(feet);
          inEl.value = String(inches);
        }
      }
    } else {
      const lbEl = el("weightLb"), kgEl = el("weightKg");
      if (unit === "kg") {
        const lb = parseNumber(lbEl.value);
        if (!Number.isNaN(lb)) kgEl.value = String(Math.round(lbToKg(lb) * 10) / 10);
      } else {
        const kg = parseNumber(kgEl.value);
        if (!Number.isNaN(kg)) lbEl.value = String(Math.round(kgToLb(kg)));
      }
    }
  }

  // A text input's "change" fires on blur, i.e. on the mousedown of the next
  // click. Redrawing errors then moves the fields below, and the click lands
  // on the wrong one; so while a pointer is down, wait until it is released.
  let pointerDown = false;
  let pending = false;
  const update = () => run({ fromSubmit: false });
  const later = () => {
    if (pointerDown) pending = true;
    else update();
  };
  const release = () => {
    pointerDown = false;
    if (!pending) return;
    pending = false;
    setTimeout(update, 0); // after the click this pointerup belongs to
  };
  document.addEventListener("pointerdown", () => { pointerDown = true; }, true);
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitted = true;
    pending = false;
    run({ fromSubmit: true });
  });

  form.addEventListener("change", (event) => {
    const t = event.target;
    if (t.name === "heightUnit") setUnit("height", t.value, true);
    else if (t.name === "weightUnit") setUnit("weight", t.value, true);
    later();
  });

  // Show the inputs of the unit checked now (a reload may keep a choice).
  setUnit("height", value("heightUnit") || "ftin", false);
  setUnit("weight", value("weightUnit") || "lb", false);
}

/**
 * Fills a calculator card (`[data-cg-card]`, beside an article) with the form
 * fetched from its `data-cg-form` URL: the same small file for every article,
 * so the browser downloads it once and no article carries the form. The
 * card's sentence (`[data-cg-placeholder]`) gives way to the form; its link
 * to the calculator page stays, and is all there is if the fetch fails.
 * Nothing that can hold focus is removed. `data-cg-state` ends as `loaded`
 * or `failed`. Exported for tests in a browser.
 */
export async function loadCard(card) {
  if (card.dataset.cgState) return;
  card.dataset.cgState = "loading";
  try {
    const response = await fetch(card.dataset.cgForm, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${response.status} for ${card.dataset.cgForm}`);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    // A development server may add a script to the file; none is taken.
    const parts = [...doc.body.children].filter((el) => el.tagName !== "SCRIPT" && el.tagName !== "NOSCRIPT");
    const form = parts.find((el) => el.matches("form.calorie-goal"));
    const placeholder = card.querySelector("[data-cg-placeholder]");
    if (!form || !placeholder) throw new Error("no calculator form to show");
    placeholder.replaceWith(...parts.map((el) => document.adoptNode(el)));
    wireCalculator(form);
    card.dataset.cgState = "loaded";
  } catch (err) {
    card.dataset.cgState = "failed";
    console.warn(`calorie-goal: the card keeps its link (${err.message})`);
  }
}

if (typeof document !== "undefined") {
  const start = () => {
    document.querySelectorAll("form.calorie-goal").forEach(wireCalculator);
    document.querySelectorAll("[data-cg-card][data-cg-form]").forEach(loadCard);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
