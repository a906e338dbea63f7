/**
 * Container image references, parsed with the grammar of `github.com/distribution/reference` (the one container
 * runtimes use to resolve `image:`).
 *
 * @internal
 */

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?)`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_MAX_LENGTH = 255;

/** A parsed image reference. */
export interface ImageReference {
  /** Repository name, with its registry if given. */
  readonly name: string;
  /** The tag, if given. */
  readonly tag?: string;
  /** The digest, if given. */
  readonly digest?: string;
}

/** What an image reference may look like, for error messages. */
export const IMAGE_ALLOWED =
  'an image reference [registry[:port]/]repository[:tag][@digest] in lower case with no spaces (e.g. "myregistry/api:v2.4.1", "ghcr.io/acme/web@sha256:<64 hex digits>")';

/** Parses an image reference, or returns `undefined` if it is not valid. */
export function parseImage(image: string): ImageReference | undefined {
  if (typeof image !== 'string') return undefined;
  const m = REFERENCE_RE.exec(image);
  if (!m || m[1].length > NAME_MAX_LENGTH) return undefined;
  return { name: m[1], tag: m[2], digest: m[3] };
}

/**
 * Whether the reference pins one image: it has a digest, or a tag other than `latest`. An unpinned reference
 * (`nginx`, `nginx:latest`) can change under the same name.
 */
export function isPinned(ref: ImageReference): boolean {
  return ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest');
}
