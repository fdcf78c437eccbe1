/**
 * fflate's streaming inflater and deflater, in a module of their own so that zip.ts loads them only when
 * first used (`require` there): the command line inflates and deflates with Node's zlib and never loads
 * fflate. A static import here keeps the browser bundle to the two classes (tree-shaken ESM build).
 */
export { Deflate, Inflate } from "fflate";
