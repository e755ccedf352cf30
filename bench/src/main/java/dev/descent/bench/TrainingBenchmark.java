package dev.descent.bench;
public final class TrainingBenchmark { public static void main(String[] a) { System.out.println("hi"); } }
