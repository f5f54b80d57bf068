/**
 * The community board endpoints (posts, comments, uploads, trip snapshots). Reading is public:
 * the access token is sent when logged in, so the server can mark the caller's own posts.
 */
import {
  commentPageSchema,
  commentSchema,
  copyTripResponseSchema,
  postPageSchema,
  postSchema,
  problemSchema,
  uploadSchema,
  type CommentPage,
  type Comment,
  type CopyTripResponse,
  type CreatePostRequest,
  type Post,
  type PostPage,
  type PostSort,
  type UpdatePostRequest,
  type Upload,
} from '@hamgaja/shared';
import { ApiError, send, sendJson, type FetchLike } from '../../api/http';
import type { Services } from '../../app/services';

export type PostListParams = { q?: string; sort?: PostSort; page?: number; pageSize?: number };

const fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init);

/** A stable random id of this client, so refreshing a post does not count another view. */
const CLIENT_ID_KEY = 'hamgaja.clientId';
export function clientId(
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.localStorage ?? null,
): string {
  const kept = storage?.getItem(CLIENT_ID_KEY);
  if (kept && /^[\w-]{8,64}$/.test(kept)) return kept;
  const id = crypto.randomUUID();
  storage?.setItem(CLIENT_ID_KEY, id);
  return id;
}

export function postListQuery(params: PostListParams): string {
  const query = new URLSearchParams();
  if (params.q?.trim()) query.set('q', params.q.trim());
  if (params.sort) query.set('sort', params.sort);
  if (params.page) query.set('page', String(params.page));
  if (params.pageSize) query.set('pageSize', String(params.pageSize));
  return query.toString();
}

export type BoardClient = ReturnType<typeof boardClient>;

export function boardClient(services: Pick<Services, 'apiBaseUrl' | 'session'>) {
  const base = services.apiBaseUrl;
  const { session } = services;
  /** Sends the token when logged in (a public read), nothing otherwise. */
  const maybeAuthed = <T>(call: (token: string | null) => Promise<T>): Promise<T> =>
    session.getState().status === 'authenticated' ? session.authorized(call) : call(null);
  const authed = <T>(call: (token: string) => Promise<T>): Promise<T> => session.authorized(call);

  return {
    /** Absolute address of an image (the desktop app talks to another origin). */
    imageUrl: (path: string) => (/^https?:\/\//.test(path) ? path : `${base}${path}`),
    listPosts: (params: PostListParams, signal?: AbortSignal): Promise<PostPage> =>
      maybeAuthed((token) =>
        sendJson(fetchFn, base, `/posts?${postListQuery(params)}`, postPageSchema, { token, signal }),
      ),
    myPosts: (params: PostListParams, signal?: AbortSignal): Promise<PostPage> =>
      authed((token) =>
        sendJson(fetchFn, base, `/me/posts?${postListQuery(params)}`, postPageSchema, { token, signal }),
      ),
    getPost: (id: string, signal?: AbortSignal): Promise<Post> =>
      maybeAuthed((token) =>
        sendJson(fetchFn, base, `/posts/${encodeURIComponent(id)}`, postSchema, {
          token,
          signal,
          headers: { 'x-client-id': clientId() },
        }),
      ),
    createPost: (body: CreatePostRequest): Promise<Post> =>
      authed((token) => sendJson(fetchFn, base, '/posts', postSchema, { method: 'POST', token, body })),
    updatePost: (id: string, body: UpdatePostRequest): Promise<Post> =>
      authed((token) =>
        sendJson(fetchFn, base, `/posts/${encodeURIComponent(id)}`, postSchema, {
          method: 'PATCH',
          token,
          body,
        }),
      ),
    deletePost: (id: string): Promise<void> =>
      authed(async (token) => {
        await send(fetchFn, base, `/posts/${encodeURIComponent(id)}`, { method: 'DELETE', token });
      }),
    copyTrip: (id: string): Promise<CopyTripResponse> =>
      authed((token) =>
        sendJson(fetchFn, base, `/posts/${encodeURIComponent(id)}/copy-trip`, copyTripResponseSchema, {
          method: 'POST',
          token,
        }),
      ),
    comments: (postId: string, page = 1, signal?: AbortSignal): Promise<CommentPage> =>
      maybeAuthed((token) =>
        sendJson(
          fetchFn,
          base,
          `/posts/${encodeURIComponent(postId)}/comments?page=${page}&pageSize=100`,
          commentPageSchema,
          {
            token,
            signal,
          },
        ),
      ),
    addComment: (postId: string, body: string): Promise<Comment> =>
      authed((token) =>
        sendJson(fetchFn, base, `/posts/${encodeURIComponent(postId)}/comments`, commentSchema, {
          method: 'POST',
          token,
          body: { body },
        }),
      ),
    deleteComment: (id: string): Promise<void> =>
      authed(async (token) => {
        await send(fetchFn, base, `/comments/${encodeURIComponent(id)}`, { method: 'DELETE', token });
      }),
    /** Uploads one image with progress (0–1); XHR because fetch reports no upload progress. */
    upload: (file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Upload> =>
      authed((token) => uploadImage(`${base}/api/uploads`, token, file, onProgress, signal)),
  };
}

function uploadImage(
  url: string,
  token: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Upload failed'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status === 201) {
        const parsed = uploadSchema.safeParse(json);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(xhr.status, 'unknown', 'Unexpected upload answer'));
        return;
      }
      const problem = problemSchema.safeParse(json);
      if (problem.success)
        reject(
          new ApiError(
            xhr.status,
            problem.data.code,
            problem.data.detail ?? problem.data.title,
            problem.data,
          ),
        );
      else if (xhr.status === 413) reject(new ApiError(413, 'payload_too_large', 'Too large'));
      else
        reject(
          new ApiError(
            xhr.status,
            xhr.status >= 502 && xhr.status <= 504 ? 'network' : 'unknown',
            `HTTP ${xhr.status}`,
          ),
        );
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
