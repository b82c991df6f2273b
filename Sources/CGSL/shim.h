#ifndef NYQUIST_CGSL_SHIM_H
#define NYQUIST_CGSL_SHIM_H

// The only header through which Swift sees GSL. NyquistNumerics is the only target that imports it.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_eigen.h>

// GSL's algorithm descriptors are mutable globals, which Swift 6 strict concurrency rejects; reach them through
// accessors instead.
static inline const gsl_multifit_nlinear_type *nyq_multifit_nlinear_trust(void) { return gsl_multifit_nlinear_trust; }
static inline const gsl_multifit_nlinear_trs *nyq_trs_lm(void) { return gsl_multifit_nlinear_trs_lm; }
static inline const gsl_multifit_nlinear_trs *nyq_trs_lmaccel(void) { return gsl_multifit_nlinear_trs_lmaccel; }
static inline const gsl_multifit_nlinear_scale *nyq_scale_more(void) { return gsl_multifit_nlinear_scale_more; }
static inline const gsl_multifit_nlinear_scale *nyq_scale_marquardt(void) { return gsl_multifit_nlinear_scale_marquardt; }
static inline const gsl_multifit_nlinear_scale *nyq_scale_levenberg(void) { return gsl_multifit_nlinear_scale_levenberg; }
static inline const gsl_multifit_nlinear_solver *nyq_solver_qr(void) { return gsl_multifit_nlinear_solver_qr; }
static inline const gsl_multifit_nlinear_solver *nyq_solver_cholesky(void) { return gsl_multifit_nlinear_solver_cholesky; }
static inline const gsl_multifit_nlinear_solver *nyq_solver_svd(void) { return gsl_multifit_nlinear_solver_svd; }
static inline const gsl_multimin_fminimizer_type *nyq_fminimizer_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }
static inline const gsl_root_fsolver_type *nyq_root_fsolver_brent(void) { return gsl_root_fsolver_brent; }

// GSL status codes import as Int; these are the Int32 values the C functions return.
static const int NYQ_GSL_SUCCESS = GSL_SUCCESS;
static const int NYQ_GSL_CONTINUE = GSL_CONTINUE;
static const int NYQ_GSL_EMAXITER = GSL_EMAXITER;
static const int NYQ_GSL_ENOPROG = GSL_ENOPROG;
static const int NYQ_GSL_ENOPROGJ = GSL_ENOPROGJ;
static const int NYQ_GSL_EDOM = GSL_EDOM;
static const int NYQ_GSL_EBADFUNC = GSL_EBADFUNC;
static const int NYQ_GSL_ENOMEM = GSL_ENOMEM;
static const int NYQ_GSL_EINVAL = GSL_EINVAL;
static const int NYQ_GSL_EFAULT = GSL_EFAULT;

#endif
