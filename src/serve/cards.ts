import type { Report } from "../runtime/report.js";
import type { Card } from "./cds-hooks.js";
import type { CardContext } from "./card-context.js";
import { missingCard, type Unread } from "./missing-card.js";
import { planCard } from "./plan-card.js";
import { verdictCard } from "./verdict-card.js";

/**
 * The cards answering a hook, in a fixed order: the verdict (always), the medication plan (when
 * there is one), the missing data (when something is missing or could not be read).
 */
export function reportCards(report: Report, unread: Unread, context: CardContext): Card[] {
  return [verdictCard(report, context), planCard(report, context), missingCard(report, unread, context)].filter(
    (card): card is Card => card !== undefined,
  );
}
