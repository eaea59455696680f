/*
 * cu_main.h: the shared main() of every CUnit test program. A test file
 * defines its suites in a table and calls cu_run() from main:
 *
 *     static CU_TestInfo der_tests[] = { {"reads a TLV", test_read}, CU_TEST_INFO_NULL };
 *     static CU_SuiteInfo suites[] = { {"der", NULL, NULL, NULL, NULL, der_tests},
 *                                      CU_SUITE_INFO_NULL };
 *     int main(void) { return cu_run(suites); }
 *
 * The exit status is 0 only when every assertion passed, so automake's
 * test driver sees failures.
 */
#ifndef CMSFW_TESTS_CU_MAIN_H
#define CMSFW_TESTS_CU_MAIN_H

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdio.h>

static inline int
cu_run(CU_SuiteInfo *suites)
{
    unsigned int failed;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 99;
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 99;
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
             CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed == 0 ? 0 : 1;
}

#endif
