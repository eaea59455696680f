# backends/local.mk
