export { lessons, ownAllocatorLesson } from './lessons.js';
export { Walkthrough, type LessonView, type StepView, type LessonReply } from './walkthrough.js';
export type { Lesson, Step, Verdict, CheckInput } from './lesson.js';
