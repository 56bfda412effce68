/** Written in at build time (tools/build/constants.ts): the extension's version, as in the manifest. */
declare const __MOODDJ_VERSION__: string;
