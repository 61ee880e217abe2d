// Markdown job summary for GitHub Actions ($GITHUB_STEP_SUMMARY), kept apart so the github reporter stays pure.
import { appendFile } from 'node:fs/promises';
import type { Report } from '../model/report.js';
import { renderMarkdown } from './markdown.js';

/** GitHub rejects a step summary over 1 MiB; we stay well under it. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** The job summary text: the Markdown report with at most `maxIssueRows` issue rows, cut down until it fits. */
export function githubStepSummary(report: Report, maxIssueRows = 200): string {
  let rows = maxIssueRows;
  let text = renderMarkdown(report, { maxIssueRows: rows, titleLevel: 2 });
  while (Buffer.byteLength(text) > STEP_SUMMARY_LIMIT - 1024 && rows > 0) {
    rows = Math.floor(rows / 2);
    text = renderMarkdown(report, { maxIssueRows: rows, titleLevel: 2 });
  }
  return text;
}

/**
 * Appends the job summary to the file named by GITHUB_STEP_SUMMARY. Returns the path written, or undefined when
 * the variable is not set (not on GitHub Actions). The CLI calls this; it is the only side effect of the format.
 */
export async function writeGithubStepSummary(report: Report, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return undefined;
  await appendFile(file, `${githubStepSummary(report)}\n`, 'utf8');
  return file;
}
