/**
 * The AppArmor profile of one container, rendered as the pod annotation
 * `container.apparmor.security.beta.kubernetes.io/<container>` (Kubernetes 1.28 has no field for it).
 * @see https://v1-28.docs.kubernetes.io/docs/tutorials/security/apparmor/
 */
export class AppArmorProfile {
  /** The container runtime's default profile (`runtime/default`). */
  public static runtimeDefault(): AppArmorProfile {
    return new AppArmorProfile('runtime/default');
  }

  /** No AppArmor confinement (`unconfined`). */
  public static unconfined(): AppArmorProfile {
    return new AppArmorProfile('unconfined');
  }

  /**
   * A profile loaded on the node (`localhost/<name>`). The kubelet refuses to start the container where it is not loaded.
   * @param profileName the name the profile was loaded under on the node
   */
  public static localhost(profileName: string): AppArmorProfile {
    return new AppArmorProfile(`localhost/${profileName}`);
  }

  private constructor(
    /** The annotation value (`runtime/default`, `unconfined` or `localhost/<name>`). */
    public readonly value: string,
  ) {}
}
