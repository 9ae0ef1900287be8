import { buildApp } from '../../scripts/lib/build-app';

/** Integration tests load the compiled app and the built plugin: build them once per run. */
export default async function setup() {
  await buildApp({ quiet: true });
}
