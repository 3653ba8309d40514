/**
 * Jupyter notebook files (nbformat 4): read them ({@link dev.glivy.notebook.NotebookFile}), run them headless on any
 * transport the way papermill and {@code nbconvert --execute} do ({@link dev.glivy.notebook.NotebookRunner}), and
 * write the executed notebook back.
 */
@NullMarked
package dev.glivy.notebook;

import org.jspecify.annotations.NullMarked;
