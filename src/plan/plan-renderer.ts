import { renderHtml } from './render-html';
import { renderText } from './render-text';
import { PlanReport } from './report';

/** The output formats of a plan. */
export enum PlanFormat {
  /** Readable tables. */
  TEXT = 'text',
  /** The report as JSON, for scripts. */
  JSON = 'json',
  /** A self-contained HTML page with a coverage matrix and per-node overhead bars. */
  HTML = 'html',
}

/** Renders a plan report as text, JSON or HTML. */
export class PlanRenderer {
  /** Renders the report in the given format. */
  public static render(report: PlanReport, format: PlanFormat): string {
    switch (format) {
      case PlanFormat.JSON: return PlanRenderer.toJson(report);
      case PlanFormat.HTML: return PlanRenderer.toHtml(report);
      default: return PlanRenderer.toText(report);
    }
  }

  /** Readable tables: daemons, skipped nodes with reasons, per-node cost, clashes, rollouts, problems. */
  public static toText(report: PlanReport): string {
    return renderText(report);
  }

  /** The report as indented JSON. */
  public static toJson(report: PlanReport): string {
    return JSON.stringify(report, null, 2) + '\n';
  }

  /** A self-contained HTML page. Every number is also in a `data-*` attribute. */
  public static toHtml(report: PlanReport): string {
    return renderHtml(report);
  }

  private constructor() {}
}
