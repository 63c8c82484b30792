/**
 * @rnnlab/notebooks — what the course notebooks display with, inside the tslab kernel: plots (plotly.js, offline),
 * live training progress, and the exercise checks of @rnnlab/teaching.
 *
 *   import { heatmap, checkExercise } from '@rnnlab/notebooks';
 */
export { display, updatableDisplay, type MimeBundle, type UpdatableDisplay } from './display';
export { plot, plotBundle, heatmap, barChart, lineChart, describeFigure, PLOTLY_MIME, type Figure, type QuickPlotOptions } from './plot';
export { table, tableBundle, formatNumber, type TableCell, type TableOptions } from './table';
export { trainingProgress, progressBundle, type ProgressOptions, type TrainingProgress } from './progress';
export { checkExercise, checkBundle, checkSubjects, gradeForCell, gradingSolutions, ExerciseCheckError, type CheckSummary } from './exercises/check';
export { loadExercise, exerciseFile } from './exercises/load';
export { gradeInProcess, gradeOnChange, teachingPaths, type Grader, type GradeOutcome, type CheckOutcome, type ExerciseOutcome } from './exercises/grader';
