/** The post editor's rules, the same limits the server enforces (shared constants). */
import { COMMENT_BODY_MAX, POST_BODY_MAX, POST_TITLE_MAX } from '@hamgaja/shared';

export type PostFormFields = { title: string; body: string };
export type PostFormErrors = Partial<Record<keyof PostFormFields, 'required' | 'tooLong'>>;

export function validatePostForm(fields: PostFormFields): PostFormErrors {
  const errors: PostFormErrors = {};
  if (!fields.title.trim()) errors.title = 'required';
  else if (fields.title.trim().length > POST_TITLE_MAX) errors.title = 'tooLong';
  if (!fields.body.trim()) errors.body = 'required';
  else if (fields.body.trim().length > POST_BODY_MAX) errors.body = 'tooLong';
  return errors;
}

export function validateComment(body: string): 'required' | 'tooLong' | null {
  if (!body.trim()) return 'required';
  if (body.trim().length > COMMENT_BODY_MAX) return 'tooLong';
  return null;
}

export const limits = { title: POST_TITLE_MAX, body: POST_BODY_MAX, comment: COMMENT_BODY_MAX };
