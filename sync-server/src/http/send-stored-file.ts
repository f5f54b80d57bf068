import type { NextFunction, Response } from 'express';
import type { SendFileOptions } from 'express-serve-static-core';
import { notFound } from './problem.js';

/**
 * Sends a stored file (an image, a travel document) with Express's sendFile, which answers
 * ranges and conditional requests. A file gone from the disk is a 404 problem naming `what`;
 * an error after the headers went out can only end the response.
 */
export function sendStoredFile(
  res: Response,
  next: NextFunction,
  relativePath: string,
  options: SendFileOptions & { root: string },
  what: string,
): void {
  res.sendFile(relativePath, options, (err?: Error) => {
    if (!err) return;
    if (res.headersSent) return void res.end();
    next(
      (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as { status?: number }).status === 404
        ? notFound(what)
        : err,
    );
  });
}
