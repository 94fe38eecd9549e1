/**
 * The editor of a list fact (the patient's treatments) in the form « Essayer un patient », as
 * script text (see `try-form-script.ts` for what it may use): a box saying whether the list is
 * known (unchecked: unknown; checked and empty: none), then one row per entry with its name,
 * its daily dose and the dose's unit when the fact has a dose field, and its ATC code; a button
 * adds a row, another removes its own. Entirely blank rows are left out of the facts.
 */
export const tryListScript = `
var listControl = function (fact, id) {
  var box = el("fieldset", { class: "try-fact try-list", id: id }, [el("legend", {}, [fact.label])]);
  var described = describe(fact, id, box);
  if (described) box.setAttribute("aria-describedby", described);
  var known = el("input", { type: "checkbox", id: id + "-connue" });
  box.append(el("p", {}, [el("label", { for: id + "-connue" }, [known, " " + words.listKnown])]));
  var list = el("ol", { class: "try-rows" });
  var add = el("button", { type: "button" }, [words.add]);
  box.append(list, add);
  var rows = [];
  var renumber = function () {
    rows.forEach(function (row, index) {
      row.legend.textContent = fill(words.medication, index + 1);
      row.remove.textContent = fill(words.remove, index + 1);
    });
  };
  var field = function (row, name, label, value) {
    var fieldId = row.id + "-" + name;
    var input = el("input", { type: "text", id: fieldId, autocomplete: "off", value: value });
    row.element.append(el("span", { class: "try-field" }, [el("label", { for: fieldId }, [label]), input]));
    return input;
  };
  var serial = 0;
  var addRow = function (entry) {
    serial += 1;
    var row = { id: id + "-" + serial };
    row.legend = el("legend", {});
    row.element = el("fieldset", { class: "try-row" }, [row.legend]);
    row.name = field(row, "nom", words.medicationName, typeof entry.name === "string" ? entry.name : "");
    if (fact.dose) {
      var dose = entry[fact.dose.field];
      var given = typeof dose === "number" ? { value: dose, unit: fact.dose.unit } : own(dose, "value") ? dose : undefined;
      row.dose = field(row, "dose", words.medicationDose, given ? String(given.value) : "");
      row.unit = field(row, "unite", fill(words.unit, words.medicationDose), given ? String(given.unit) : fact.dose.unit);
    }
    row.atc = field(row, "atc", words.medicationAtc, typeof entry.atc === "string" ? entry.atc : "");
    row.remove = el("button", { type: "button" }, []);
    row.element.append(row.remove);
    row.remove.addEventListener("click", function () {
      rows = rows.filter(function (other) { return other !== row; });
      list.removeChild(row.item);
      renumber();
      (rows.length ? rows[rows.length - 1].name : add).focus();
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
    row.item = el("li", {}, [row.element]);
    list.append(row.item);
    rows.push(row);
    renumber();
    return row;
  };
  add.addEventListener("click", function () {
    known.checked = true;
    addRow({}).name.focus();
  });
  var entryOf = function (row) {
    var entry = {};
    if (row.name.value.trim() !== "") entry.name = row.name.value.trim();
    if (fact.dose) {
      var dose = measured(row.dose.value, row.unit.value.trim(), fact.dose.unit);
      if (dose !== undefined) entry[fact.dose.field] = dose;
    }
    if (row.atc.value.trim() !== "") entry.atc = row.atc.value.trim();
    if (Object.keys(entry).length && entry.name === undefined) entry.name = "";
    return Object.keys(entry).length ? entry : undefined;
  };
  return {
    element: box,
    read: function () {
      if (!known.checked) return undefined;
      return rows.map(entryOf).filter(function (entry) { return entry !== undefined; });
    },
    write: function (value) {
      rows.forEach(function (row) { list.removeChild(row.item); });
      rows = [];
      known.checked = Array.isArray(value);
      if (Array.isArray(value)) value.forEach(function (entry) { addRow(own(entry, "name") || typeof entry === "object" ? entry || {} : {}); });
    },
    focus: function () { known.focus(); },
  };
};
`;
