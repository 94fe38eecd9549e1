/**
 * The form of « Essayer un patient », as script text the page runs (see `try-patient-script.ts`,
 * which puts it in one closure with the runtime, the pack and the data): one control per fact
 * of the pack's facts dictionary, by its type (yes/no/unknown radios, a choice among the
 * enumerated values, a number with a unit among those the fact accepts, a date, a list of
 * treatments), each able to read its value into the facts and to show a value from facts.
 *
 * It holds no word of any language and nothing clinical: labels and descriptions come from the
 * pack, the other words from `data.words`. Every text goes into the page as a text node
 * (`append`, `textContent`), never as markup. It expects in scope: `data`, `words`, `pack`.
 */
export const tryFormScript = `
var el = function (tag, attributes, children) {
  var node = document.createElement(tag);
  Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
  (children || []).forEach(function (child) { node.append(child); });
  return node;
};
var fill = function (template) {
  var values = Array.prototype.slice.call(arguments, 1);
  return template.replace(/\\{(\\d+)\\}/g, function (whole, index) { return index < values.length ? String(values[index]) : whole; });
};
var own = function (object, key) { return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key); };
var readPath = function (facts, path) {
  return path.split(".").reduce(function (node, key) { return own(node, key) ? node[key] : undefined; }, facts);
};
var writePath = function (facts, path, value) {
  var keys = path.split(".");
  var node = facts;
  keys.slice(0, -1).forEach(function (key) { if (!own(node, key)) node[key] = {}; node = node[key]; });
  node[keys[keys.length - 1]] = value;
};
var numberOf = function (text) { return text.trim() === "" ? undefined : Number(text.trim().replace(",", ".")); };
var measured = function (text, unit, main) {
  var value = numberOf(text);
  if (value === undefined) return undefined;
  return unit === main ? value : { value: value, unit: unit };
};
var describe = function (fact, id, box) {
  if (fact.description) box.append(el("p", { class: "try-help", id: id + "-aide" }, [fact.description]));
  return fact.description ? id + "-aide" : "";
};
var booleanControl = function (fact, id) {
  var box = el("fieldset", { class: "try-fact", id: id }, [el("legend", {}, [fact.label])]);
  var described = describe(fact, id, box);
  if (described) box.setAttribute("aria-describedby", described);
  var choices = el("div", { class: "try-choices" });
  var radios = [["true", words.yes], ["false", words.no], ["", words.unknown]].map(function (pair, index) {
    var input = el("input", { type: "radio", name: id + "-choix", id: id + "-" + index, value: pair[0] });
    choices.append(el("label", { for: id + "-" + index }, [input, " " + pair[1]]));
    return input;
  });
  radios[2].checked = true;
  box.append(choices);
  var checked = function () { return radios.filter(function (r) { return r.checked; })[0] || radios[2]; };
  return {
    element: box,
    read: function () { var v = checked().value; return v === "" ? undefined : v === "true"; },
    write: function (value) { radios[value === true ? 0 : value === false ? 1 : 2].checked = true; },
    focus: function () { checked().focus(); },
  };
};
var labelled = function (fact, id, input) {
  var box = el("div", { class: "try-fact" }, [el("label", { for: id }, [fact.label])]);
  var described = describe(fact, id, box);
  if (described) input.setAttribute("aria-describedby", described);
  box.insertBefore(input, box.children[1] || null);
  return box;
};
var enumControl = function (fact, id) {
  var labels = own(data.valueLabels, fact.path) ? data.valueLabels[fact.path] : {};
  var select = el("select", { id: id }, [el("option", { value: "" }, [words.unknown])]);
  fact.values.forEach(function (value) {
    select.append(el("option", { value: value }, [own(labels, value) ? labels[value] + " (" + value + ")" : value]));
  });
  return {
    element: labelled(fact, id, select),
    read: function () { return select.value === "" ? undefined : select.value; },
    write: function (value) { select.value = typeof value === "string" && fact.values.indexOf(value) >= 0 ? value : ""; },
    focus: function () { select.focus(); },
  };
};
var quantityControl = function (fact, id) {
  var units = fact.accepts && fact.accepts.length ? fact.accepts : [fact.unit];
  var input = el("input", { id: id, type: "text", inputmode: "decimal", autocomplete: "off" });
  var unit = el("select", { id: id + "-unite", "aria-label": fill(words.unit, fact.label) });
  units.forEach(function (u) { unit.append(el("option", { value: u }, [u])); });
  var box = labelled(fact, id, el("span", { class: "try-quantity" }, [input, " ", unit]));
  return {
    element: box,
    read: function () { return measured(input.value, unit.value, fact.unit); },
    write: function (value) {
      var given = typeof value === "number" ? { value: value, unit: fact.unit } : own(value, "value") ? value : undefined;
      input.value = given ? String(given.value) : "";
      unit.value = given && units.indexOf(given.unit) >= 0 ? given.unit : units[0];
    },
    focus: function () { input.focus(); },
  };
};
var dateControl = function (fact, id) {
  var input = el("input", { id: id, type: "text", autocomplete: "off", placeholder: words.dateHint });
  return {
    element: labelled(fact, id, input),
    read: function () { return input.value.trim() === "" ? undefined : input.value.trim(); },
    write: function (value) { input.value = typeof value === "string" ? value : ""; },
    focus: function () { input.focus(); },
  };
};
`;
