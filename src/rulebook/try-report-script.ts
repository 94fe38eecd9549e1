/**
 * The report of « Essayer un patient », as script text (see `try-form-script.ts` for what it may
 * use, and `runtime`, the browser runtime): the verdict and readiness, the findings each linked
 * to its rule in the book, the plan with its dates, the relevant missing facts in the order the
 * runtime ranks them (each a button that goes to its field), and the whole text report. An
 * evaluation that fails shows its code and message, escaped, instead of a report.
 */
export const tryReportScript = `
var box = function (title, children) {
  return el("section", { class: "try-part" }, [el("h4", {}, [title])].concat(children));
};
var listOf = function (items, ordered) {
  return items.length ? el(ordered ? "ol" : "ul", {}, items) : el("p", {}, [words.none]);
};
var findingsOf = function (report) {
  return listOf(report.findings.map(function (finding) {
    var link = own(data.links, finding.rule)
      ? el("a", { href: data.links[finding.rule], "data-rule": finding.rule }, [finding.rule])
      : el("code", { "data-rule": finding.rule }, [finding.rule]);
    return el("li", {}, [link, " — " + finding.kindLabel + " : " + finding.statement]);
  }));
};
var planOf = function (report) {
  return listOf(report.medicationPlan.map(function (entry) {
    var action = own(words, "action." + entry.action) ? words["action." + entry.action] : entry.action;
    var parts = [entry.label + " (" + entry.given + ") — " + action];
    if (entry.before) parts.push(entry.before.value + " " + entry.before.unit);
    if (entry.date) parts.push(fill(words.planDate, entry.date));
    return el("li", { "data-drug": entry.drug, "data-action": entry.action, "data-date": entry.date || "" }, [parts.join(" — ")]);
  }));
};
var rankedOf = function (report, goTo) {
  var relevant = report.relevant;
  var groups = [relevant.verdict, relevant.readiness]
    .concat(relevant.plan.map(function (p) { return p.facts; }))
    .concat(relevant.recommendations.map(function (r) { return r.facts; }));
  var seen = {};
  var items = [];
  groups.forEach(function (facts) {
    facts.forEach(function (fact) {
      if (own(seen, fact.path)) return;
      seen[fact.path] = true;
      var button = el("button", { type: "button", "data-path": fact.path }, [fact.label]);
      button.addEventListener("click", function () { goTo(fact.path); });
      items.push(el("li", {}, [button]));
    });
  });
  return listOf(items, true);
};
var showReport = function (target, report, goTo) {
  var readiness = own(words, "readiness." + report.readiness.status) ? words["readiness." + report.readiness.status] : report.readiness.status;
  var text = el("pre", { class: "try-text" }, [runtime.renderReportText(report)]);
  target.replaceChildren(
    el("h3", {}, [words.report]),
    box(words.verdict, [el("p", { class: "try-verdict", "data-verdict": report.verdict }, [el("strong", {}, [report.verdictLabel])]), el("p", {}, [report.headline])]),
    box(words.readiness, [el("p", { class: "try-readiness", "data-status": report.readiness.status }, [report.readiness.question + " " + readiness])]),
    box(words.findings, [findingsOf(report)]),
    box(report.medicationPlanTitle || words.plan, [planOf(report)]),
    box(words.relevant, [rankedOf(report, goTo)]),
    el("details", {}, [el("summary", {}, [words.fullText]), text])
  );
};
var failureOf = function (error) {
  var problems = error && Array.isArray(error.errors) ? error.errors : [];
  if (problems.length)
    return { code: problems[0].code, message: problems.map(function (p) { return p.path + " : " + p.message; }).join(" ; ") };
  return { code: (error && error.code) || "GL5005", message: String((error && error.message) || error) };
};
var showFailure = function (target, failure) {
  target.replaceChildren(el("p", { class: "try-error", role: "alert", "data-code": failure.code }, [runtime.escapeLine(fill(words.error, failure.code, failure.message))]));
};
`;
