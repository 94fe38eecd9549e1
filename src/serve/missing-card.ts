import { fillWords } from "../interface-words/index.js";
import type { RankedFact, Report } from "../runtime/report.js";
import { procedureWording } from "../runtime/render-report.js";
import { anchorHref, pageHref } from "../rulebook/anchors.js";
import type { Card } from "./cds-hooks.js";
import { rulebookLink, type CardContext } from "./card-context.js";
import { joinedLabels, markdownText, summaryLength, summaryText } from "./card-text.js";

/** What the service could not read from the request: prefetch keys not sent, resources it could not map. */
export interface Unread {
  /** The prefetch keys of the service that the request left out or sent as `null`. */
  readonly absent: readonly string[];
  /** The problems met reading the resources sent, each with its code; the facts concerned stay unknown. */
  readonly problems: readonly { readonly code: string; readonly message: string }[];
}

/** The groups of facts to give, in the order the report ranks them: verdict, then before the procedure, then the rest; each fact once. */
function factGroups(report: Report, context: CardContext): { readonly heading: string; readonly facts: readonly RankedFact[] }[] {
  const { relevant } = report;
  const shown = new Set<string>();
  const fresh = (facts: readonly RankedFact[]) =>
    facts.filter((f) => {
      if (shown.has(f.path)) return false;
      shown.add(f.path);
      return true;
    });
  const verdictFacts = relevant.verdict.length
    ? relevant.verdict
    : report.verdictMissing.map((path) => ({
        path,
        label: report.missingFacts.find((m) => m.path === path)?.label ?? path,
        settles: 0,
        maySettle: 0,
      }));
  const groups = [
    { heading: context.words["report.purpose.verdict"], facts: fresh(verdictFacts) },
    {
      heading: procedureWording(report.medicationPlanWordings, "missing-before-procedure", context.words),
      facts: fresh([...relevant.readiness, ...relevant.plan.flatMap((e) => e.facts)]),
    },
    { heading: context.words["report.purpose.other"], facts: fresh(relevant.recommendations.flatMap((r) => r.facts)) },
  ];
  return groups.filter((g) => g.facts.length > 0);
}

/** The summary: the first group of facts to give (those that block the verdict when it is incomplete), or the prefetch keys left out. */
function missingSummary(groups: ReturnType<typeof factGroups>, unread: Unread, context: CardContext): string {
  const more = (count: number) => fillWords(context.words["serve.more"], count);
  const [first] = groups;
  if (first) {
    const room = summaryLength - first.heading.length - 3;
    return summaryText(
      fillWords(
        context.words["serve.missing.group"],
        first.heading,
        joinedLabels(
          first.facts.map((f) => f.label),
          room,
          more,
        ),
      ),
    );
  }
  if (unread.absent.length) return summaryText(fillWords(context.words["serve.missing.absent"], unread.absent.join(", ")));
  return summaryText(context.words["serve.missing.problems"]);
}

/**
 * The missing-data card, when a fact that can change the report is missing, a prefetch key was
 * not sent or a resource could not be read: the summary names the facts that block the verdict
 * (or, when it is settled, readiness and the plan, then the rest), the detail lists every fact
 * to give, ranked, the prefetch keys not sent and the problems met; nothing is guessed.
 */
export function missingCard(report: Report, unread: Unread, context: CardContext): Card | undefined {
  const groups = factGroups(report, context);
  if (groups.length === 0 && unread.absent.length === 0 && unread.problems.length === 0) return undefined;
  const { words } = context;
  const detail: string[] = [];
  if (groups.length) detail.push(`**${markdownText(words["report.relevant"])}**`);
  for (const group of groups) {
    detail.push("", `*${markdownText(group.heading)}*`, "");
    for (const f of group.facts) detail.push(`- ${markdownText(`${f.label} (${f.path})`)}`);
  }
  if (unread.absent.length) detail.push("", markdownText(fillWords(words["serve.missing.absent"], unread.absent.join(", "))));
  if (unread.problems.length) {
    detail.push("", `**${markdownText(words["serve.missing.problems"])}**`, "");
    for (const p of unread.problems) detail.push(`- ${markdownText(`${p.code} ${p.message}`)}`);
  }
  const factLinks = (groups[0]?.facts ?? []).flatMap((f) => rulebookLink(context, f.label, anchorHref("fact", f.path)));
  const links = [...rulebookLink(context, words["serve.link.facts"], pageHref("facts")), ...factLinks];
  return {
    summary: missingSummary(groups, unread, context),
    indicator: "warning",
    detail: detail.join("\n"),
    source: context.source,
    ...(links.length ? { links } : {}),
  };
}
