/**
 * The assignment's questions and the student's answers to them, kept in the run directory's answers.md:
 *
 *     ## 1. The architecture              a question's heading: "## ", its number, a dot (the title may change)
 *     <!-- Explain the architecture … -->   the prompt, in a comment: not printed
 *     Your answer, in Markdown …
 *
 * Text before the first numbered heading (the template's instructions) is not an answer. Every other line, `##`
 * headings without a number included, belongs to the answer above it. A number outside 1–7 or a number twice is an
 * error naming the file and the line, so that no answer is silently dropped from the document handed in.
 *
 * The template is written when a run is created and by `rnnlab report` when the file is missing — never over an
 * existing file (an exclusive create, so not even over one written a moment before), and whole or not at all.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@rnnlab/core';
import { RunError } from '../errors';
import { parseMarkdown } from './markdown';
import type { Block } from './markdown';

/** One of the assignment's questions: a short title and the prompt. */
export interface Question {
  title: string;
  prompt: string;
}

/**
 * The course assignment (min-char-rnn on tiny Shakespeare, with DD2424's additions), as seven questions. Each names
 * the report section that holds the material for the answer.
 */
export const QUESTIONS: readonly Question[] = [
  { title: 'The architecture', prompt: 'Explain the architecture of the model you trained: its layers, the shapes of its weights, what the hidden state carries from one character to the next, and how the loss is computed (see the Architecture section: the summary, the equations, the unrolled diagram).' },
  { title: 'The outputs after 5, 50 and 500 iterations', prompt: 'Show and describe the text the model generates after 5, 50 and 500 iterations of training on tiny Shakespeare (the Text evolution section).' },
  { title: 'The gradient check', prompt: 'Check the gradients as grad-check.py does (the Gradient check section): what do the numerical and analytic gradients and their relative errors show, and why must the check use the unclipped gradients?' },
  { title: 'What differs between the outputs', prompt: 'What differs between the outputs at the three points, and why does the text change in that way as training goes on?' },
  { title: 'What made training hard', prompt: 'What made training hard: the learning rate, exploding or vanishing gradients and clipping, the length of the unrolled chunk, the time it takes, anything you ran into?' },
  { title: 'The smooth loss', prompt: 'Describe the smooth-loss curve (the Loss section): how fast it falls, where it flattens, and what the noise of the per-iteration loss tells you.' },
  { title: 'A passage from the best model', prompt: 'Comment on the 1,000-character passage from the best model (the last section before the answers): what has it learned — words, names, the layout of a play — and what not yet?' },
];

/** An answer: the blocks of Markdown under the question's heading, or null when there is none yet. */
export interface Answer {
  question: Question;
  number: number;
  blocks: Block[] | null;
}

/** The answers.md a new run starts with: instructions, then a heading and a prompt per question. */
export function answersTemplate(run: string): string {
  const sections = QUESTIONS.map((q, i) => `## ${i + 1}. ${q.title}\n\n<!-- ${q.prompt} -->\n\n`);
  return `# Answers

Write each answer under its heading, in Markdown (paragraphs, **bold**, *italics*, \`code\`, lists, tables and code
blocks all show in the report). Keep the seven numbered headings; the prompts in <!-- comments --> are not printed.
Then rebuild the report and the Word document (in the rnnlab repository, type npx rnnlab):

    rnnlab report ${run} --docx report.docx

${sections.join('')}`;
}

/** Writes the template to `path` unless a file is there (then it is left as it is). Returns whether it wrote. */
export function writeAnswersTemplate(path: string, run: string): boolean {
  return writeFileAtomic(path, answersTemplate(run), { exclusive: true });
}

/** Splits answers.md's text into the seven answers; `path` names the file in errors. */
export function parseAnswers(text: string, path: string): Answer[] {
  const found = new Map<number, string[]>();
  let current: string[] | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const heading = /^##\s+(\d+)\.(\s|$)/.exec(line);
    if (heading === null) {
      current?.push(line);
      return;
    }
    const n = Number(heading[1]);
    if (n < 1 || n > QUESTIONS.length) throw new RunError(`${path}:${i + 1}: heading "${line.trim()}" numbers no question; expected ## 1. to ## ${QUESTIONS.length}.`);
    if (found.has(n)) throw new RunError(`${path}:${i + 1}: a second heading for question ${n}; each of the headings ## 1. to ## ${QUESTIONS.length}. must appear once.`);
    current = [];
    found.set(n, current);
  });
  return QUESTIONS.map((question, i) => {
    const lines = found.get(i + 1);
    const markdown = lines === undefined ? '' : lines.join('\n').replace(/<!--[\s\S]*?(-->|$)/g, '').trim();
    return { question, number: i + 1, blocks: markdown === '' ? null : parseMarkdown(markdown) };
  });
}

/** Reads the run's answers.md; null when it does not exist. Other file-system errors (a folder, no permission) throw. */
export function readAnswers(path: string): Answer[] | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (text.includes('\uFFFD')) throw new RunError(`${path} is not UTF-8 text; expected answers written in Markdown (save it as UTF-8).`);
  return parseAnswers(text, path);
}
