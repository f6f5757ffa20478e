import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArtifactInvalidError } from './errors.js';

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<script|<style|<div|<main|<!--)/i;

/** Checks the artifact is a non-empty HTML document and returns its absolute path; no browser is started before this passes. */
export function checkArtifact(artifact: string, cwd: string = process.cwd()): string {
  const path = resolve(cwd, artifact);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ArtifactInvalidError('ARTIFACT_MISSING', path, `Artifact ${path} does not exist.`, 'Pass the path of the generated HTML file.');
  }
  const text = readFileSync(path, 'utf8');
  if (text.trim().length === 0) {
    throw new ArtifactInvalidError('ARTIFACT_EMPTY', path, `Artifact ${path} is empty.`, 'The generator produced no code; judge a non-empty HTML file.');
  }
  if (!HTML_START.test(text) || !/<\/?[a-z][^>]*>/i.test(text)) {
    throw new ArtifactInvalidError(
      'ARTIFACT_NOT_HTML',
      path,
      `Artifact ${path} is not an HTML document (it starts with ${JSON.stringify(text.trimStart().slice(0, 40))}).`,
      'The artifact must be a single HTML file starting with <!doctype html> or <html>.',
    );
  }
  return path;
}
