package dev.descent.core.tuning;

/**
 * The standard normal distribution's CDF, its logarithm and its inverse, for TPE's truncated Parzen
 * windows. The CDF is W. J. Cody's rational erfc (relative error below 1e-15 over the whole line); the
 * inverse is P. J. Acklam's rational approximation refined by one Halley step (relative error ~1e-15).
 */
final class Gauss {
  private static final double SQRT2 = Math.sqrt(2);
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private Gauss() {}

  /** Phi(x). */
  static double cdf(double x) {
    return 0.5 * erfc(-x / SQRT2);
  }

  /** log phi(x), the density. */
  static double logPdf(double x) {
    return -0.5 * x * x - LOG_SQRT_2PI;
  }

  /** log(Phi(b) - Phi(a)) for a < b, taken in the tail where both are close to 1 so no digits are lost. */
  static double logMass(double a, double b) {
    double m = a > 0 ? cdf(-a) - cdf(-b) : cdf(b) - cdf(a);
    return Math.log(Math.max(m, Double.MIN_NORMAL));
  }

  /** Phi^-1(p) for p in (0, 1). */
  static double inverse(double p) {
    if (p <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double x;
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - 0.02425) {
      double q = p - 0.5;
      double r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double e = cdf(x) - p;
    double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
    return x - u / (1 + x * u / 2);
  }

  /** erfc(x) by Cody's rational approximations (Math. Comp. 1969). */
  static double erfc(double x) {
    double ax = Math.abs(x);
    double r;
    if (ax < 0.5) {
      double t = x * x;
      double top = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t
          + 377.485237685302021) * t + 3209.37758913846947;
      double bot = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t
          + 2844.23683343917062;
      return 1 - x * top / bot;
    } else if (ax < 4) {
      double top = (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax
          + 66.1191906371416295) * ax + 298.635138197400131) * ax + 881.952221241769090) * ax
          + 1712.04761263407058) * ax + 2051.07837782607147) * ax + 1230.33935479799725;
      double bot = (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax
          + 1621.38957456669019) * ax + 3290.79923573345963) * ax + 4362.61909014324716) * ax
          + 3439.36767414372164) * ax + 1230.33935480374942;
      r = Math.exp(-ax * ax) * top / bot;
    } else {
      double z = 1 / (ax * ax);
      double top = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z
          + 0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
      double bot = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z
          + 0.0605183413124413191) * z + 2.33520497626869185e-3;
      r = Math.exp(-ax * ax) / ax * (0.564189583547756287 - z * top / bot);
    }
    return x < 0 ? 2 - r : r;
  }
}
