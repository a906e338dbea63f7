import { brand, hasBrand } from '../core/_brand';

/**
 * When the kubelet pulls a container's image.
 *
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
 */
export class ImagePullPolicy {
  /** Pull on every container start (needed when a tag can move, such as `latest`). */
  public static readonly ALWAYS = new ImagePullPolicy('Always');
  /** Pull only when the image is not on the node yet (right for pinned tags and digests). */
  public static readonly IF_NOT_PRESENT = new ImagePullPolicy('IfNotPresent');
  /** Never pull; the image must be on the node already. */
  public static readonly NEVER = new ImagePullPolicy('Never');

  /** Whether `x` is an `ImagePullPolicy`, also across copies of this package. */
  public static isImagePullPolicy(x: unknown): x is ImagePullPolicy {
    return hasBrand(x, 'ImagePullPolicy');
  }

  private constructor(
    /** The value of the container's `imagePullPolicy` field. */
    public readonly value: 'Always' | 'IfNotPresent' | 'Never',
  ) {}

  /** The value, as written to the object. */
  public toString(): string {
    return this.value;
  }
}

brand(ImagePullPolicy, 'ImagePullPolicy');
