// The AI assistant's pieces mounted by other features' pages.
export { AttractionTip } from './AttractionTip';
export { DraftWithAiButton } from './DraftDialog';
