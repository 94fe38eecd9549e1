import { CstParser, type CstNode, type IRecognitionException, type IToken } from "chevrotain";
import type { FileCstNode } from "./cst-types.js";
import { SyntaxProblems, type SyntaxProblem } from "./syntax-messages.js";
import * as T from "./tokens.js";

/** One syntax error: Chevrotain's error (its token, its rule stack) and what it is about. */
export interface ParseError {
  readonly error: IRecognitionException;
  readonly problem: SyntaxProblem;
}

/**
 * The grammar of the guideline language, as a Chevrotain CST parser. It builds a concrete
 * syntax tree only; `cst-to-ast.ts` turns that into the typed AST. Error recovery is on, so
 * one parse reports every syntax error it can; trees rebuilt by recovery may lack children.
 */
class GuidelineParser extends CstParser {
  /** What each syntax error of the current parse is about, recorded as Chevrotain reports it. */
  private readonly problems: SyntaxProblems;

  constructor(problems = new SyntaxProblems()) {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: problems });
    this.problems = problems;
    this.performSelfAnalysis();
  }

  /**
   * Parses the tokens of one file: its concrete syntax tree, typed by the grammar's generated
   * CST types, and every syntax error paired with what it is about.
   */
  parseTokens(tokens: IToken[]): { readonly cst: FileCstNode; readonly errors: readonly ParseError[] } {
    this.problems.clear();
    this.input = tokens;
    // The `file` rule builds a `file` node; test/dsl/cst-types.test.ts keeps its type equal to what the grammar generates.
    const cst = this.file() as FileCstNode;
    const problems = this.problems.recordedProblems();
    const errors = this.errors;
    if (problems.length !== errors.length)
      throw new Error(`${errors.length} syntax errors but ${problems.length} described (a bug: please report it)`);
    return {
      cst,
      errors: errors.map((error, index) => {
        const problem = problems[index];
        if (problem?.token !== error.token) throw new Error("a syntax error paired with another's description (a bug: please report it)");
        return { error, problem };
      }),
    };
  }

  public readonly file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  private readonly declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.header) },
      { ALT: () => this.SUBRULE(this.section) },
      { ALT: () => this.SUBRULE(this.fact) },
      { ALT: () => this.SUBRULE(this.threshold) },
      { ALT: () => this.SUBRULE(this.drugClass) },
      { ALT: () => this.SUBRULE(this.drug) },
      { ALT: () => this.SUBRULE(this.findingKind) },
      { ALT: () => this.SUBRULE(this.recommendation) },
      { ALT: () => this.SUBRULE(this.verdict) },
      { ALT: () => this.SUBRULE(this.plan) },
      { ALT: () => this.SUBRULE(this.reference) },
      { ALT: () => this.SUBRULE(this.rule) },
      { ALT: () => this.SUBRULE(this.information) },
      { ALT: () => this.SUBRULE(this.uncovered) },
      { ALT: () => this.SUBRULE(this.example) },
      { ALT: () => this.SUBRULE(this.precedence) },
      { ALT: () => this.SUBRULE(this.accept) },
      { ALT: () => this.SUBRULE(this.readiness) },
    ]);
  });

  private readonly header = this.RULE("header", () => {
    this.CONSUME(T.Guideline);
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Title);
            this.CONSUME(T.StringLiteral, { LABEL: "title" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Edition);
            this.CONSUME(T.NumberLiteral, { LABEL: "edition" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Language);
            this.CONSUME2(T.Identifier, { LABEL: "language" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Source);
            this.CONSUME2(T.StringLiteral, { LABEL: "source" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Ignore);
            this.CONSUME5(T.StringLiteral, { LABEL: "ignore" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Version);
            this.CONSUME6(T.StringLiteral, { LABEL: "version" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Coverage);
            this.CONSUME(T.From);
            this.CONSUME3(T.StringLiteral, { LABEL: "coverageFrom" });
            this.CONSUME(T.To);
            this.CONSUME4(T.StringLiteral, { LABEL: "coverageTo" });
          },
        },
      ]);
    });
  });

  private readonly section = this.RULE("section", () => {
    this.CONSUME(T.Section);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.StringLiteral);
  });

  private readonly fact = this.RULE("fact", () => {
    this.CONSUME(T.Fact);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.factType);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Label);
            this.CONSUME(T.StringLiteral, { LABEL: "label" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Description);
            this.CONSUME2(T.StringLiteral, { LABEL: "description" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Dose);
            this.CONSUME2(T.Identifier, { LABEL: "doseField" });
            this.CONSUME(T.In);
            this.SUBRULE(this.unit, { LABEL: "doseUnit" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Units);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.unit, { LABEL: "accepts" }) });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Code);
            this.AT_LEAST_ONE_SEP2({
              SEP: T.Comma,
              DEF: () => {
                this.CONSUME3(T.Identifier, { LABEL: "codeSystem" });
                this.CONSUME3(T.StringLiteral, { LABEL: "codeValue" });
              },
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Window);
            this.SUBRULE(this.quantity, { LABEL: "window" });
          },
        },
      ]);
    });
  });

  private readonly factType = this.RULE("factType", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.YesNo) },
      {
        ALT: () => {
          this.CONSUME(T.OneOf);
          this.CONSUME(T.Of);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier, { LABEL: "values" }) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Quantity);
          this.CONSUME(T.In);
          this.SUBRULE(this.unit);
          this.OPTION(() => {
            this.CONSUME(T.From);
            this.CONSUME(T.NumberLiteral, { LABEL: "min" });
            this.CONSUME(T.To);
            this.CONSUME2(T.NumberLiteral, { LABEL: "max" });
          });
        },
      },
      { ALT: () => this.CONSUME(T.DateKw) },
      {
        ALT: () => {
          this.CONSUME(T.Medication);
          this.CONSUME(T.List);
        },
      },
    ]);
  });

  private readonly unit = this.RULE("unit", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.UnitTerm) },
      { ALT: () => this.CONSUME(T.PerUnit) },
      { ALT: () => this.CONSUME(T.Percent) },
      { ALT: () => this.CONSUME(T.AnnotationUnit) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  private readonly quantity = this.RULE("quantity", () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => this.SUBRULE(this.unit));
  });

  private readonly threshold = this.RULE("threshold", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Threshold) }, { ALT: () => this.CONSUME(T.Delay) }]);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.quantity);
    this.MANY(() => {
      this.CONSUME(T.Label);
      this.CONSUME(T.StringLiteral, { LABEL: "label" });
    });
  });

  private readonly drugClass = this.RULE("drugClass", () => {
    this.CONSUME(T.ClassKw);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION2(() => {
      this.CONSUME(T.Atc);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier, { LABEL: "atc" }) });
    });
  });

  private readonly drug = this.RULE("drug", () => {
    this.CONSUME(T.Drug);
    this.CONSUME(T.Identifier);
    // `class x "label"` on the next line is a class declaration, not this drug's class.
    const classDeclarationFollows = () => this.LA(1).tokenType === T.ClassKw && this.LA(3).tokenType === T.StringLiteral;
    this.MANY({
      GATE: () => !classDeclarationFollows(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Atc);
              this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier, { LABEL: "atc" }) });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Rxnorm);
              this.AT_LEAST_ONE_SEP3({ SEP: T.Comma, DEF: () => this.CONSUME(T.NumberLiteral, { LABEL: "rxnorm" }) });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.ClassKw);
              this.CONSUME3(T.Identifier, { LABEL: "drugClass" });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Label);
              this.CONSUME(T.StringLiteral, { LABEL: "label" });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Alias);
              this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.CONSUME2(T.StringLiteral, { LABEL: "alias" }) });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Not);
              this.CONSUME(T.Named);
              this.CONSUME(T.By);
              this.CONSUME(T.Source);
            },
          },
        ]);
      },
    });
  });

  private readonly findingKind = this.RULE("findingKind", () => {
    this.CONSUME(T.FindingKw);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
  });

  private readonly recommendation = this.RULE("recommendation", () => {
    this.CONSUME(T.Recommendation);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION2(() => {
      this.CONSUME(T.For);
      this.CONSUME(T.Procedure, { LABEL: "forProcedure" });
    });
  });

  /** `readiness "question"` with `ready "…"`, `not ready "…"` and `undecided "…"`. */
  private readonly readiness = this.RULE("readiness", () => {
    this.CONSUME(T.Readiness);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "question" }));
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Ready);
            this.CONSUME2(T.StringLiteral, { LABEL: "ready" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Not);
            this.CONSUME2(T.Ready);
            this.CONSUME3(T.StringLiteral, { LABEL: "notReady" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Undecided);
            this.CONSUME4(T.StringLiteral, { LABEL: "undecided" });
          },
        },
      ]);
    });
  });

  private readonly verdict = this.RULE("verdict", () => {
    this.CONSUME(T.Verdict);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "question" }));
    this.MANY(() => this.SUBRULE(this.outcome));
    this.OPTION2(() => this.SUBRULE(this.otherwiseOutcome));
    this.OPTION3(() => {
      this.CONSUME(T.Undecided);
      this.CONSUME2(T.StringLiteral, { LABEL: "undecided" });
    });
  });

  private readonly outcome = this.RULE("outcome", () => {
    this.CONSUME(T.Outcome);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION2(() => {
      this.CONSUME(T.No, { LABEL: "noProcedure" });
      this.CONSUME(T.Procedure);
    });
    this.CONSUME(T.When);
    this.SUBRULE(this.condition);
  });

  private readonly otherwiseOutcome = this.RULE("otherwiseOutcome", () => {
    this.CONSUME(T.Otherwise);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION2(() => {
      this.CONSUME(T.No, { LABEL: "noProcedure" });
      this.CONSUME(T.Procedure);
    });
  });

  private readonly plan = this.RULE("plan", () => {
    this.CONSUME(T.Plan);
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Scope);
            this.CONSUME(T.Atc);
            this.CONSUME2(T.Identifier, { LABEL: "scope" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Otherwise);
            this.CONSUME(T.Refer, { LABEL: "otherwise" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Reminder);
            this.CONSUME(T.StringLiteral, { LABEL: "reminder" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.DateKw);
            this.CONSUME3(T.Identifier, { LABEL: "date" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Title);
            this.CONSUME2(T.StringLiteral, { LABEL: "title" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Wording);
            this.SUBRULE(this.wordingKey);
            this.CONSUME3(T.StringLiteral, { LABEL: "wordingText" });
          },
        },
      ]);
    });
  });

  /** The key of a plan `wording`: an action (`stop`, `continue`, `bridge`, `refer`) or a name (`unknown`, a reason). */
  private readonly wordingKey = this.RULE("wordingKey", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Stop, { LABEL: "key" }) },
      { ALT: () => this.CONSUME(T.Continue, { LABEL: "key" }) },
      { ALT: () => this.CONSUME(T.Bridge, { LABEL: "key" }) },
      { ALT: () => this.CONSUME(T.Refer, { LABEL: "key" }) },
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "key" }) },
    ]);
  });

  private readonly reference = this.RULE("reference", () => {
    this.CONSUME(T.Reference);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.StringLiteral);
  });

  /**
   * The properties that tie a rule or an information item to the source: `statement`, `quote`
   * and `cite`. A plain method, not a grammar rule, so both keep these tokens as direct children.
   */
  private provenanceAlternatives() {
    return [
      {
        ALT: () => {
          this.CONSUME(T.Statement);
          this.CONSUME(T.StringLiteral, { LABEL: "statement" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Quote);
          this.CONSUME2(T.StringLiteral, { LABEL: "quote" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cite);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.NumberLiteral, { LABEL: "citation" }) });
        },
      },
    ];
  }

  private readonly rule = this.RULE("rule", () => {
    this.CONSUME(T.Rule);
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.OR([
        ...this.provenanceAlternatives(),
        {
          ALT: () => {
            this.CONSUME(T.When);
            this.SUBRULE(this.condition);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Then);
            this.SUBRULE(this.effect);
          },
        },
      ]);
    });
  });

  private readonly information = this.RULE("information", () => {
    this.CONSUME(T.Information);
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.OR([...this.provenanceAlternatives()]);
    });
  });

  private readonly uncovered = this.RULE("uncovered", () => {
    this.CONSUME(T.Uncovered);
    this.CONSUME(T.StringLiteral, { LABEL: "text" });
    this.CONSUME(T.Because);
    this.CONSUME2(T.StringLiteral, { LABEL: "reason" });
  });

  /** `precedence RULE over RULE because "REASON"`. */
  private readonly precedence = this.RULE("precedence", () => {
    this.CONSUME(T.Precedence);
    this.CONSUME(T.Identifier, { LABEL: "winner" });
    this.CONSUME(T.Over);
    this.CONSUME2(T.Identifier, { LABEL: "loser" });
    this.CONSUME(T.Because);
    this.CONSUME(T.StringLiteral, { LABEL: "reason" });
  });

  /** `accept CODE for NAME because "REASON"`. */
  private readonly accept = this.RULE("accept", () => {
    this.CONSUME(T.Accept);
    this.CONSUME(T.Identifier, { LABEL: "code" });
    this.CONSUME(T.For);
    this.CONSUME2(T.Identifier, { LABEL: "subject" });
    this.CONSUME(T.Because);
    this.CONSUME(T.StringLiteral, { LABEL: "reason" });
  });

  private readonly example = this.RULE("example", () => {
    this.CONSUME(T.Example);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.OPTION2(() => {
      this.CONSUME(T.Based);
      this.CONSUME(T.On);
      this.CONSUME2(T.Identifier, { LABEL: "base" });
    });
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.given) }, { ALT: () => this.SUBRULE(this.expectation) }]);
    });
  });

  private readonly given = this.RULE("given", () => {
    this.CONSUME(T.Given);
    this.CONSUME(T.Identifier, { LABEL: "fact" });
    this.CONSUME(T.Equals);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LeftParen);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.medicationItem) });
          this.CONSUME(T.RightParen);
        },
      },
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "text" }) },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "word" }) },
      { ALT: () => this.CONSUME(T.No, { LABEL: "word" }) },
    ]);
  });

  private readonly medicationItem = this.RULE("medicationItem", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "name" }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "name" }) },
    ]);
    this.OPTION(() => this.SUBRULE(this.quantity, { LABEL: "dose" }));
    this.OPTION2(() => {
      this.CONSUME(T.Atc);
      this.CONSUME2(T.Identifier, { LABEL: "atc" });
    });
  });

  // Long by design: the grammar of `expect`, one alternative per kind of expectation, as docs/language.md lists them.
  private readonly expectation = this.RULE("expectation", () => {
    this.CONSUME(T.Expect);
    this.OPTION(() => this.CONSUME(T.No, { LABEL: "negated" }));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Verdict);
          this.CONSUME(T.Identifier, { LABEL: "code" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Precondition);
          this.CONSUME2(T.Identifier, { LABEL: "rule" });
          this.OPTION2(() => this.CONSUME3(T.Identifier, { LABEL: "status" }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Plan);
          this.OR2([
            { ALT: () => this.CONSUME4(T.Identifier, { LABEL: "drug" }) },
            { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "drug" }) },
          ]);
          this.OPTION3(() => {
            this.OR3([
              { ALT: () => this.CONSUME(T.Stop, { LABEL: "action" }) },
              { ALT: () => this.CONSUME(T.Continue, { LABEL: "action" }) },
              { ALT: () => this.CONSUME(T.Bridge, { LABEL: "action" }) },
              { ALT: () => this.CONSUME(T.Refer, { LABEL: "action" }) },
              { ALT: () => this.CONSUME5(T.Identifier, { LABEL: "action" }) },
            ]);
            this.OPTION4(() => {
              this.SUBRULE(this.operand, { LABEL: "delay" });
              this.CONSUME(T.Before);
            });
            this.OPTION5(() => {
              this.CONSUME(T.On);
              this.CONSUME2(T.StringLiteral, { LABEL: "date" });
            });
            this.OPTION6(() => {
              this.CONSUME(T.Because);
              this.CONSUME9(T.Identifier, { LABEL: "reason" });
            });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Recommendation);
          this.CONSUME6(T.Identifier, { LABEL: "code" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.FindingKw);
          this.CONSUME7(T.Identifier, { LABEL: "rule" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Refused);
          this.consume(10, T.Identifier, { LABEL: "refusedFact" });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Readiness);
          this.or(6, [
            { ALT: () => this.CONSUME2(T.Ready, { LABEL: "readinessStatus" }) },
            { ALT: () => this.consume(11, T.Identifier, { LABEL: "readinessStatus" }) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Missing);
          this.OR4([
            { ALT: () => this.CONSUME8(T.Identifier, { LABEL: "fact" }) },
            { ALT: () => this.CONSUME3(T.StringLiteral, { LABEL: "fact" }) },
          ]);
        },
      },
    ]);
  });

  private readonly effect = this.RULE("effect", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.FindingKw);
          this.CONSUME(T.Identifier, { LABEL: "findingKind" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Precondition);
          this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Recommend);
          this.CONSUME2(T.Identifier, { LABEL: "code" });
          this.OPTION2(() => {
            this.OR4([
              { ALT: () => this.CONSUME(T.Must, { LABEL: "strength" }) },
              { ALT: () => this.CONSUME(T.Should, { LABEL: "strength" }) },
              { ALT: () => this.CONSUME(T.May, { LABEL: "strength" }) },
            ]);
          });
        },
      },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Stop) }, { ALT: () => this.CONSUME(T.Bridge) }]);
          this.SUBRULE(this.target);
          this.SUBRULE(this.operand, { LABEL: "delay" });
          this.CONSUME(T.Before);
        },
      },
      {
        ALT: () => {
          this.OR3([{ ALT: () => this.CONSUME(T.Continue) }, { ALT: () => this.CONSUME(T.Refer) }]);
          this.SUBRULE2(this.target);
        },
      },
    ]);
  });

  private readonly target = this.RULE("target", () => {
    this.OPTION(() => this.CONSUME(T.ClassKw));
    this.CONSUME(T.Identifier);
  });

  /** Operands joined by `and` or `or`; mixing them without parentheses is reported later (GL1004). */
  private readonly condition = this.RULE("condition", () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.And, { LABEL: "connective" }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: "connective" }) }]);
      this.SUBRULE2(this.unary);
    });
  });

  private readonly unary = this.RULE("unary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  private readonly primary = this.RULE("primary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LeftParen);
          this.SUBRULE(this.condition);
          this.CONSUME(T.RightParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Taking);
          this.SUBRULE(this.target);
        },
      },
      { ALT: () => this.CONSUME(T.Always) },
      {
        ALT: () => {
          this.CONSUME(T.FindingKw);
          this.CONSUME(T.Identifier, { LABEL: "findingKind" });
        },
      },
      { ALT: () => this.SUBRULE(this.test) },
    ]);
  });

  private readonly test = this.RULE("test", () => {
    this.SUBRULE(this.operand, { LABEL: "left" });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.SUBRULE(this.comparator);
            this.SUBRULE2(this.operand, { LABEL: "right" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Is);
            this.CONSUME(T.Identifier, { LABEL: "values" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.In);
            this.CONSUME(T.LeftParen);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier, { LABEL: "values" }) });
            this.CONSUME(T.RightParen);
          },
        },
      ]);
    });
  });

  private readonly comparator = this.RULE("comparator", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.GreaterEqual) },
      { ALT: () => this.CONSUME(T.LessEqual) },
      { ALT: () => this.CONSUME(T.Greater) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Equals) },
      { ALT: () => this.CONSUME(T.NotEqual) },
    ]);
  });

  private readonly operand = this.RULE("operand", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dose);
          this.CONSUME(T.Of);
          this.CONSUME(T.Identifier, { LABEL: "drug" });
        },
      },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "name" }) },
      { ALT: () => this.SUBRULE(this.quantity) },
    ]);
  });
}

/** One shared parser instance: Chevrotain parsers are reusable once `input` is reset. */
export const guidelineParser = new GuidelineParser();

export type { CstNode };
