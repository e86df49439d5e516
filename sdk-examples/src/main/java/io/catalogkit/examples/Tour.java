package io.catalogkit.examples;

/** Placeholder. */
public final class Tour {
    private Tour() {}

    /**
     * Runs the tour.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("catalogkit");
    }
}
